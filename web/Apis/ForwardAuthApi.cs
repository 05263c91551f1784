using Microsoft.AspNetCore.Authentication;
using Sessions.Web.Authentication;
using Sessions.Web.Authentication.SessionGrid;
using Sessions.Web.Grid;
using Sessions.Web.Http;

namespace Sessions.Web.Apis;

/// <summary>
/// Forward authentication for reverse proxies (nginx <c>auth_request</c>, Traefik ForwardAuth, Envoy ext_authz HTTP):
/// the proxy forwards the client's cookie or Authorization header; 200 with identity headers lets the request
/// through, 401 stops it. One grain call, no body either way.
/// </summary>
public static class ForwardAuthApi
{
    public const string UserIdHeader = "X-Auth-User-Id";
    public const string SessionIdHeader = "X-Auth-Session-Id";
    public const string UsernameHeader = "X-Auth-Username";
    public const string CredentialHeader = "X-Auth-Credential";

    /// <summary>What the credential may do, space-separated like OAuth's <c>scope</c>: <c>authenticate sessions</c> for
    /// browser and app sessions, an API token's own scopes (<c>authenticate</c> by default).</summary>
    public const string ScopeHeader = "X-Auth-Scope";

    public static RouteGroupBuilder MapForwardAuthApi(this RouteGroupBuilder auth)
    {
        auth.MapGet("/check", (Delegate)CheckAsync)
            .WithEmptyResponse(StatusCodes.Status200OK, "A live credential; X-Auth-User-Id, X-Auth-Session-Id, X-Auth-Username and X-Auth-Credential say whose, X-Auth-Scope what it may do.")
            .WithEmptyResponse(StatusCodes.Status401Unauthorized, "No live credential; the proxy must refuse the request.")
            .WithEmptyResponse(StatusCodes.Status503ServiceUnavailable, "The grid could not decide; the proxy must refuse the request. Retry-After says when to retry.");
        return auth;
    }

    public static async Task<IResult> CheckAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(SessionGridAuthenticationDefaults.AuthenticationScheme);
        if (result.Succeeded)
        {
            var user = result.Principal;
            var headers = context.Response.Headers;
            headers[UserIdHeader] = SessionGridClaims.UserIdOf(user);
            headers[SessionIdHeader] = SessionGridClaims.SessionIdOf(user);
            headers[UsernameHeader] = SessionGridClaims.UsernameOf(user);
            headers[CredentialHeader] = CredentialNames.Of(SessionGridClaims.CredentialOf(user));
            headers[ScopeHeader] = SessionGridClaims.ScopeOf(user);
            return Results.Ok();
        }

        if (result.Failure is GridUnavailableException)
        {
            // The proxy must not let the request through; it will answer its client with an error.
            GridUnavailable.Mark(context.Response);
            return Results.Empty;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.StatusCode(StatusCodes.Status401Unauthorized);
    }
}
