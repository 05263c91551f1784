using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Sessions.Web.Authentication.OperatorKeys;

/// <summary>
/// Authenticates operators by a key sent as <c>Authorization: Bearer &lt;key&gt;</c> (scripts, Prometheus) or as the
/// password of HTTP Basic (browsers, for the dashboard). Keys are compared as SHA-256 digests in constant time, and
/// every configured key is tried, so timing does not tell which one nearly matched.
/// </summary>
internal sealed class OperatorKeyAuthenticationHandler(
    IOptionsMonitor<OperatorKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<OperatorKeyAuthenticationOptions>(options, logger, encoder)
{
    private static readonly AuthenticateResult Refused = AuthenticateResult.Fail("The operator key is not valid.");

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedKey() is not { } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (Match(SHA256.HashData(Encoding.UTF8.GetBytes(presented))) is not { } name)
        {
            Logger.OperatorKeyRefused();
            return Task.FromResult(Refused);
        }

        return Task.FromResult(NamedPrincipal.Authenticated(Scheme.Name, OperatorKeyAuthenticationDefaults.OperatorClaim, name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"session-grid admin\", Bearer";
        return Results.Problem(
            $"Send an operator key configured under {OperatorKeyAuthenticationOptions.Section}:Keys (Bearer, or as the Basic password).",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Operator key required").ExecuteAsync(Context);
    }

    /// <summary>The key a request presents: a bearer parameter, or the password of HTTP Basic.</summary>
    private string? PresentedKey()
    {
        if (!AuthorizationHeader.TryRead(Request, out var scheme, out var parameter) || parameter is null)
        {
            return null;
        }

        if (AuthorizationHeader.IsScheme(scheme, "Bearer"))
        {
            return parameter;
        }

        return AuthorizationHeader.IsScheme(scheme, "Basic") && AuthorizationHeader.TryDecodeBasic(parameter, out _, out var password)
            ? password
            : null;
    }

    private string? Match(byte[] digest)
    {
        string? match = null;
        foreach (var (name, expected) in Options.Digests)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, expected))
            {
                match = name;
            }
        }

        return match;
    }
}
