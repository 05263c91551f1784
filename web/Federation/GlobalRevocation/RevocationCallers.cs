using Microsoft.AspNetCore.Authentication;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Authentication.OperatorKeys;
using Sessions.Web.Federation.Tokens;

namespace Sessions.Web.Federation.GlobalRevocation;

/// <summary>
/// Authenticates the caller of the global token revocation endpoint (draft-parecki-oauth-global-token-revocation §4):
/// <c>Authorization: Bearer &lt;JWT&gt;</c> signed by a configured provider (<see cref="RevocationAssertionValidator"/>),
/// or an operator key (the operator key scheme: Bearer or Basic). A bearer credential of three dot-separated parts is a
/// provider's assertion; anything else is taken for an operator key, so a JWT is never compared with operator keys and
/// an operator key never reaches the JWT reader.
/// </summary>
internal static class RevocationCallers
{
    private static readonly TokenFailure Missing =
        new(TokenFailureReason.Malformed, "Send a provider's signed JWT or an operator key as Authorization: Bearer.");

    private static readonly TokenFailure BadOperatorKey =
        new(TokenFailureReason.Malformed, "The operator key is not valid.");

    /// <summary>The caller, or why it is not authenticated.</summary>
    public static async Task<(RevocationCaller? Caller, TokenFailure? Failure)> AuthenticateAsync(
        HttpContext context, RevocationAssertionValidator assertions, IReadOnlyCollection<string> endpointUrls)
    {
        if (BearerAssertionOf(context.Request) is { } assertion)
        {
            var result = await assertions.ValidateAsync(assertion, endpointUrls, context.RequestAborted);
            return result.IsValid
                ? (new RevocationCaller(Actor.Provider(result.Token.ProviderName), result.Token), null)
                : (null, result.Failure);
        }

        var operatorKey = await context.AuthenticateAsync(OperatorKeyAuthenticationDefaults.AuthenticationScheme);
        if (operatorKey.Succeeded && operatorKey.Principal.FindFirst(OperatorKeyAuthenticationDefaults.OperatorClaim) is { } name)
        {
            return (new RevocationCaller(Actor.Operator(name.Value), null), null);
        }

        return (null, operatorKey.None ? Missing : BadOperatorKey);
    }

    /// <summary>The parameter of the request's one <c>Authorization: Bearer</c> header when it has the shape of a compact
    /// JWS. Read here rather than by the shared header reader, whose 1 KiB bound fits our tokens but not every RSA-signed
    /// assertion; <see cref="UnverifiedJwt"/> bounds it instead.</summary>
    private static string? BearerAssertionOf(HttpRequest request)
    {
        var headers = request.Headers.Authorization;
        if (headers.Count != 1 || headers[0] is not { Length: > 7 } header
            || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parameter = header[7..];
        return parameter.Count(c => c == '.') == 2 && !parameter.Contains(' ', StringComparison.Ordinal) ? parameter : null;
    }
}
