namespace Sessions.Web.Federation;

/// <summary>One Shared Signals transmitter pushing security event tokens to <c>/ssf/events</c>
/// (<c>Sessions:Federation:Transmitters:&lt;name&gt;</c>).</summary>
public sealed class FederationTransmitterOptions
{
    /// <summary>The transmitter's issuer, exactly as its tokens' <c>iss</c>; it selects the transmitter. Required.</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>Where the transmitter publishes its signing keys (a JWKS). Required; https, or http on a loopback host.</summary>
    public string JwksUri { get; set; } = string.Empty;

    /// <summary>The <c>aud</c> the transmitter's tokens carry for this receiver. Required.</summary>
    public string Audience { get; set; } = string.Empty;
}
