namespace Sessions.Web.Federation.BackChannelLogout;

/// <summary>A valid back-channel logout token's facts (OpenID Connect Back-Channel Logout 1.0 §2.4).</summary>
/// <param name="ProviderName">The configured provider it came from.</param>
/// <param name="Issuer">Its <c>iss</c>: the provider's issuer.</param>
/// <param name="Subject">Its <c>sub</c>, when present: the user at the provider.</param>
/// <param name="SessionId">Its <c>sid</c>, when present: the provider session that ended.</param>
/// <param name="Jti">Its token id, to check and record in the replay record (<c>IReplayRecordGrain</c>).</param>
/// <param name="IssuedAt">Its <c>iat</c>.</param>
/// <param name="KeepUntil">How long to keep <paramref name="Jti"/> in the replay record: after this the token is
/// refused by its age alone.</param>
public sealed record LogoutToken(
    string ProviderName,
    string Issuer,
    string? Subject,
    string? SessionId,
    string Jti,
    DateTimeOffset IssuedAt,
    DateTimeOffset KeepUntil);
