using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Sessions.Web.Security;

/// <summary>
/// Authenticates operators by an admin key sent as <c>Authorization: Bearer &lt;key&gt;</c> (scripts, Prometheus)
/// or as the password of HTTP Basic (browsers, for the dashboard). Keys are compared as SHA-256 digests in constant
/// time; every configured key is tried so timing does not tell which one nearly matched.
/// </summary>
internal sealed class AdminKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<AdminOptions> admin)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AdminKey";
    public const string OperatorClaim = "operator";

    private readonly (string Name, byte[] Digest)[] _keys = admin.Value.Keys
        .Where(k => k.Value is { Length: >= AdminOptions.MinimumKeyLength })
        .Select(k => (k.Key, SHA256.HashData(Encoding.UTF8.GetBytes(k.Value))))
        .ToArray();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthorizationHeader.TryRead(Request, out var scheme, out var value))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = scheme.ToUpperInvariant() switch
        {
            "BEARER" => value,
            "BASIC" => AuthorizationHeader.TryDecodeBasic(value, out _, out var password) ? password : null,
            _ => null,
        };
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? match = null;
        foreach (var (name, expected) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, expected))
            {
                match = name;
            }
        }

        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The admin key is not valid."));
        }

        var identity = new ClaimsIdentity([new Claim(OperatorClaim, match)], SchemeName, OperatorClaim, roleType: null);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"session-grid admin\", Bearer";
        return Results.Problem(
            "Send an operator key configured under Sessions:Admin:Keys (Bearer, or as the Basic password).",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Operator key required").ExecuteAsync(Context);
    }
}
