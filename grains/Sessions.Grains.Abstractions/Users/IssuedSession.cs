namespace Sessions.Grains.Abstractions.Users;

/// <summary>
/// A session just created (sign-in) or renewed (refresh), with its secrets. This is the only place raw tokens
/// leave the grain; <see cref="ToString"/> never prints them.
/// </summary>
/// <param name="UserId">The user.</param>
/// <param name="SessionId">The session.</param>
/// <param name="Kind">Browser or app.</param>
/// <param name="ExpiresAt">When the session ends unless renewed (browser: the idle deadline).</param>
/// <param name="SessionToken">Browser sessions: the cookie value.</param>
/// <param name="AccessToken">App sessions: the bearer token.</param>
/// <param name="AccessTokenExpiresAt">App sessions: when the access token expires.</param>
/// <param name="RefreshToken">App sessions: the token that renews the pair, once.</param>
/// <param name="RefreshTokenExpiresAt">App sessions: when the refresh token expires unused.</param>
[GenerateSerializer, Immutable, Alias("sg.IssuedSession")]
public sealed record IssuedSession(
    [property: Id(0)] string UserId,
    [property: Id(1)] string SessionId,
    [property: Id(2)] CredentialKind Kind,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] string? SessionToken,
    [property: Id(5)] string? AccessToken,
    [property: Id(6)] DateTimeOffset? AccessTokenExpiresAt,
    [property: Id(7)] string? RefreshToken,
    [property: Id(8)] DateTimeOffset? RefreshTokenExpiresAt)
{
    /// <summary>Describes the session without its secrets.</summary>
    public override string ToString() => $"IssuedSession {{ UserId = {UserId}, SessionId = {SessionId}, Kind = {Kind} }}";
}
