namespace Sessions.Grains.Abstractions.Users;

/// <summary>What one sign-out-everywhere revoked. Returned only once the revocation is durable.</summary>
/// <param name="RevokedSessions">Browser and app sessions ended (with their access and refresh tokens).</param>
/// <param name="RevokedTokens">API tokens revoked.</param>
/// <param name="NotBefore">The user's new "not before": nothing issued earlier is accepted again
/// (except the kept session, when one was kept).</param>
[GenerateSerializer, Immutable, Alias("sg.SignOutEverywhereResult")]
public sealed record SignOutEverywhereResult(
    [property: Id(0)] int RevokedSessions,
    [property: Id(1)] int RevokedTokens,
    [property: Id(2)] DateTimeOffset NotBefore);
