using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Authentication;

namespace Sessions.Web.Apis.Contracts;

// Response bodies: the HTTP contract (camelCase on the wire), described for clients by /openapi/v1.json.

public sealed record RegisteredResponse(string UserId);

public sealed record BrowserSignInResponse(string UserId, string SessionId, DateTimeOffset ExpiresAt);

public sealed record AppSignInResponse(
    string UserId,
    string SessionId,
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string RefreshToken,
    DateTimeOffset RefreshTokenExpiresAt)
{
    public override string ToString() => $"AppSignInResponse {{ UserId = {UserId}, SessionId = {SessionId} }}";
}

public sealed record MeResponse(string UserId, string Username, string SessionId, string Credential);

public sealed record SessionResponse(
    string Id,
    string Kind,
    string? Device,
    string? IpAddress,
    string? UserAgent,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    bool Current,
    string? Provider = null)
{
    public static SessionResponse From(SessionInfo s) =>
        new(s.Id, CredentialNames.Of(s.Kind), s.Device, s.IpAddress, s.UserAgent, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.Current, s.Provider);
}

public sealed record LogoutEverywhereResponse(int RevokedSessions, int RevokedTokens, DateTimeOffset NotBefore)
{
    public static LogoutEverywhereResponse From(SignOutEverywhereResult result) =>
        new(result.RevokedSessions, result.RevokedTokens, result.NotBefore);
}

public sealed record CreatedApiTokenResponse(string Id, string Token, DateTimeOffset ExpiresAt, string[] Scopes)
{
    public override string ToString() => $"CreatedApiTokenResponse {{ Id = {Id} }}";
}

public sealed record ApiTokenResponse(
    string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, string[] Scopes)
{
    public static ApiTokenResponse From(ApiTokenInfo t) =>
        new(t.Id, t.Name, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, ApiTokenScopeNames.Of(t.Scopes));
}
