namespace Sessions.Web.Federation.GlobalRevocation;

/// <summary>A valid global token revocation bearer assertion's facts: which provider is calling.</summary>
/// <param name="ProviderName">The configured provider whose issuer the assertion carries; it may name only subjects it
/// owns (its own linked identities).</param>
/// <param name="Issuer">Its <c>iss</c>: that provider's issuer.</param>
/// <param name="Jti">Its token id, to check and record in the replay record (<c>IReplayRecordGrain</c>).</param>
/// <param name="ExpiresAt">Its <c>exp</c>.</param>
/// <param name="KeepUntil">How long to keep <paramref name="Jti"/> in the replay record: after this the assertion is
/// refused as expired.</param>
public sealed record RevocationAssertion(
    string ProviderName,
    string Issuer,
    string Jti,
    DateTimeOffset ExpiresAt,
    DateTimeOffset KeepUntil);
