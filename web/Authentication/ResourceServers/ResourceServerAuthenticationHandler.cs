using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Sessions.Web.Apis.Contracts;

namespace Sessions.Web.Authentication.ResourceServers;

/// <summary>
/// Authenticates resource servers by HTTP Basic client credentials (RFC 6749 §2.3.1). Any Authorization header at all
/// is taken as an attempt, so a wrong one fails rather than passing as anonymous (public clients may revoke with
/// none). Secrets are compared as SHA-256 digests in constant time, and an unknown client id costs the same
/// comparison as a wrong secret. The challenge is an RFC 6749 <c>invalid_client</c> error.
/// </summary>
internal sealed class ResourceServerAuthenticationHandler(
    IOptionsMonitor<ResourceServerAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<ResourceServerAuthenticationOptions>(options, logger, encoder)
{
    private const string CredentialsNeeded = "Introspection needs the credentials of a configured resource server (HTTP Basic).";

    private static readonly byte[] Nobody = SHA256.HashData(RandomNumberGenerator.GetBytes(32));
    private static readonly AuthenticateResult Refused = AuthenticateResult.Fail("The client credentials are not valid.");

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthorizationHeader.TryRead(Request, out var scheme, out var parameter))
        {
            return RefuseAsync();
        }

        if (parameter is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!TryReadBasic(scheme, parameter, out var clientId, out var secret) || !IsValid(clientId, secret))
        {
            return RefuseAsync();
        }

        return Task.FromResult(NamedPrincipal.Authenticated(Scheme.Name, ResourceServerAuthenticationDefaults.ClientIdClaim, clientId));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = ResourceServerAuthenticationDefaults.Challenge;
        var description = properties.GetParameter<string>(ResourceServerAuthenticationDefaults.ErrorDescriptionParameter) ?? CredentialsNeeded;
        return TypedResults.Json(
            new OAuthError("invalid_client", description), ApiJson.Default.OAuthError, statusCode: StatusCodes.Status401Unauthorized)
            .ExecuteAsync(Context);
    }

    /// <summary>HTTP Basic with a non-empty client id; RFC 6749 §2.3.1: id and secret are form-url-encoded before
    /// being joined.</summary>
    private static bool TryReadBasic(ReadOnlySpan<char> scheme, string parameter, out string clientId, out string secret)
    {
        clientId = secret = string.Empty;
        if (!AuthorizationHeader.IsScheme(scheme, "Basic") || !AuthorizationHeader.TryDecodeBasic(parameter, out var user, out var password)
            || user.Length == 0)
        {
            return false;
        }

        (clientId, secret) = (FormDecode(user), FormDecode(password));
        return true;
    }

    private static string FormDecode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    private bool IsValid(string clientId, string secret)
    {
        var known = Options.Digests.TryGetValue(clientId, out var expected);
        var matches = CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), expected ?? Nobody);
        return known && matches;
    }

    private Task<AuthenticateResult> RefuseAsync()
    {
        Logger.ClientCredentialsRefused();
        return Task.FromResult(Refused);
    }
}
