namespace Sessions.Web.Federation;

/// <summary>
/// Identity providers this grid signs users in through and takes logout signals from, Shared Signals transmitters it
/// takes security events from, and the limits on the tokens they send (configuration section
/// <c>Sessions:Federation</c>). Validated at start (<see cref="FederationOptionsValidator"/>): a setting that cannot
/// work stops the process with its key named. Every default says why; the README lists them.
/// </summary>
public sealed class FederationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sessions:Federation";

    /// <summary>OpenID Connect providers by name (<c>Sessions:Federation:Providers:&lt;name&gt;</c>); the name is a URL
    /// path segment (<c>/auth/federation/{name}/…</c>), see <see cref="FederationNames"/>. Default none.</summary>
    public Dictionary<string, FederationProviderOptions> Providers { get; set; } = [];

    /// <summary>Shared Signals transmitters by name (<c>Sessions:Federation:Transmitters:&lt;name&gt;</c>), named like
    /// providers. Default none.</summary>
    public Dictionary<string, FederationTransmitterOptions> Transmitters { get; set; } = [];

    /// <summary>How old (by its <c>iat</c>) a back-channel logout token may be. Default 2 min: a provider sends the token
    /// the moment the session ends (oidc-provider makes it expire 120 s after <c>iat</c>), so anything older is a
    /// replay or a stuck retry; the replay record keeps each id this long plus <see cref="ClockSkew"/>. Between 30 s and
    /// 1 h.</summary>
    public TimeSpan LogoutTokenMaxAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How old (by its <c>iat</c>) a security event token may be. Default 1 day: RFC 8935 transmitters retry
    /// a delivery that failed, and a signal delayed by a receiver outage still matters (a compromised credential stays
    /// compromised); the replay record keeps each id this long, so it also bounds the record. Between 5 min and 7
    /// days.</summary>
    public TimeSpan SecurityEventMaxAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Clocks of a provider or transmitter and this grid may differ by this much: an <c>iat</c> this far in
    /// the future, or an <c>exp</c> this far in the past, is still accepted. Default 1 min (servers keep NTP time
    /// within seconds; a minute tolerates a bad one without stretching a 2-minute window much). Between 0 and 5 min.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Provider metadata and signing keys (and transmitter keys) are fetched again this often in the background,
    /// so a key the issuer withdrew stops being accepted within this time. Default 1 h (the library's default, 12 h,
    /// is long for revoking a compromised key). At least 5 min, the library's floor.</summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A token naming a key id we do not hold makes us fetch the issuer's keys again at once (the issuer
    /// rotated its keys), but at most once per this interval per issuer, so a flood of tokens with random key ids
    /// costs at most one fetch per interval; the same interval spaces retries while an issuer's keys cannot be fetched
    /// at all. Default 1 min. Between 1 s and 1 h.</summary>
    public TimeSpan KeyRefetchInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one fetch of metadata or keys may take before it fails. Default 10 s. Between 1 s and 1 min.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
