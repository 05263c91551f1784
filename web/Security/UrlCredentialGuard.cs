using Sessions.Grains.Abstractions.Tokens;

namespace Sessions.Web.Security;

/// <summary>
/// Refuses credentials in the URL (docs/threat-model.md, B12; OWASP ASVS 4.0.3, 3.1.1): URLs end up in logs, browser history and
/// Referer headers. A query parameter named like a token, or whose value is one of our tokens, gets a 400 and the
/// request goes no further.
/// </summary>
public sealed class UrlCredentialGuard(RequestDelegate next)
{
    private static readonly HashSet<string> CredentialNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "access_token", "refresh_token", "token", "id_token", "api_key", "apikey", "session", "sid", "__Host-sid",
    };

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.QueryString.HasValue && CarriesCredential(context.Request.Query))
        {
            return Results.Problem(
                "Send credentials in the Authorization header or the session cookie; never in the URL.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Credential in the URL refused").ExecuteAsync(context);
        }

        return next(context);
    }

    private static bool CarriesCredential(IQueryCollection query) =>
        query.Any(parameter => CredentialNames.Contains(parameter.Key)
            || parameter.Value.Any(value => TokenCodec.HasTokenPrefix(value)));
}
