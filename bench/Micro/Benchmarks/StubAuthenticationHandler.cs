using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sessions.Web.Authentication;
using Sessions.Web.Authentication.SessionGrid;

namespace Sessions.Bench.Micro.Benchmarks;

/// <summary>An authentication handler that does no work of its own: it answers a ticket built once. Registered under
/// the grid's scheme name, it leaves exactly what ASP.NET Core does around a handler on every request.</summary>
internal sealed class StubAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly AuthenticationTicket Answer = new(
        new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(SessionGridClaims.UserId, Guid.NewGuid().ToString("N")),
                new Claim(SessionGridClaims.SessionId, Guid.NewGuid().ToString("N")),
                new Claim(SessionGridClaims.Username, "micro-user"),
                new Claim(SessionGridClaims.Credential, CredentialNames.App),
            ],
            SessionGridAuthenticationDefaults.AuthenticationScheme,
            SessionGridClaims.Username,
            roleType: null)),
        SessionGridAuthenticationDefaults.AuthenticationScheme);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.Success(Answer));
}
