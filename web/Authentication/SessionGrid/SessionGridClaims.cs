using System.Security.Claims;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Web.Authentication.SessionGrid;

/// <summary>The claims of a principal the grid authenticated, and how to read them back.</summary>
public static class SessionGridClaims
{
    /// <summary>The user id.</summary>
    public const string UserId = "sub";

    /// <summary>The session id, or the API token id.</summary>
    public const string SessionId = "sid";

    /// <summary>The username.</summary>
    public const string Username = "name";

    /// <summary><c>browser</c>, <c>app</c> or <c>api-token</c>.</summary>
    public const string Credential = "credential";

    /// <summary>What the credential may do, space-separated (RFC 8693 §4.2): every scope for browser and app sessions,
    /// an API token's own (<see cref="ApiTokenScopeNames"/>).</summary>
    public const string Scope = "scope";

    public static string UserIdOf(ClaimsPrincipal user) => user.FindFirstValue(UserId)!;

    /// <summary>The user id as the grid's key type.</summary>
    public static Guid UserGuidOf(ClaimsPrincipal user) => GridIds.TryParse(UserIdOf(user), out var id)
        ? id
        : throw new InvalidOperationException("The principal was not authenticated by the session grid scheme.");

    public static string SessionIdOf(ClaimsPrincipal user) => user.FindFirstValue(SessionId)!;

    public static string UsernameOf(ClaimsPrincipal user) => user.FindFirstValue(Username)!;

    public static CredentialKind CredentialOf(ClaimsPrincipal user) => CredentialNames.Parse(user.FindFirstValue(Credential));

    /// <summary>The space-separated scope claim as it is (the <c>X-Auth-Scope</c> header).</summary>
    public static string ScopeOf(ClaimsPrincipal user) => user.FindFirstValue(Scope) ?? string.Empty;

    public static ApiTokenScopes ScopesOf(ClaimsPrincipal user) => ApiTokenScopeNames.Parse(user.FindFirstValue(Scope));

    /// <summary>The caller as the user grain re-checks it: its session or API token.</summary>
    public static Actor ActorOf(ClaimsPrincipal user) => Actor.Credential(SessionIdOf(user));

    /// <summary>Whether the request came with the session cookie (so it needs cross-site protection and a
    /// cookie to clear on sign-out).</summary>
    public static bool IsBrowser(ClaimsPrincipal user) => CredentialOf(user) == CredentialKind.Browser;
}
