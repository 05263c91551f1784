using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Web.Http;

/// <summary>
/// Every error the API returns, as <c>application/problem+json</c> with a useful title. The authentication
/// failures are fixed byte strings: unknown, revoked, expired and forged credentials look exactly alike.
/// </summary>
public static class Problems
{
    private const string ProblemJson = "application/problem+json";

    private static readonly byte[] UnauthorizedBody = Encoding.UTF8.GetBytes(
        """{"type":"https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2","title":"Not signed in","status":401,"detail":"The credential is missing, invalid, expired or revoked. Sign in again."}""");

    private static readonly byte[] ForbiddenBody = Encoding.UTF8.GetBytes(
        """{"type":"https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4","title":"Not allowed with this credential","status":403,"detail":"This needs a browser or app session; API tokens cannot do it."}""");

    private static readonly byte[] UnavailableBody = Encoding.UTF8.GetBytes(
        """{"type":"https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4","title":"Session store unavailable","status":503,"detail":"Nothing was decided or changed. Retry shortly."}""");

    private static readonly byte[] BusyBody = Encoding.UTF8.GetBytes(
        """{"type":"https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4","title":"Busy checking passwords","status":503,"detail":"The server is busy checking passwords; retry after the seconds in Retry-After. Nothing was decided or changed."}""");

    /// <summary>The one 401 body.</summary>
    public static Task WriteUnauthorizedAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return WriteAsync(context, UnauthorizedBody);
    }

    /// <summary>The one 403 body of the authentication scheme.</summary>
    public static Task WriteForbiddenAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteAsync(context, ForbiddenBody);
    }

    /// <summary>The 403 of a credential without <paramref name="scope"/> (an API token created without it), with the
    /// RFC 6750 §3.1 challenge that names it. Nothing was changed.</summary>
    public static Task WriteMissingScopeAsync(HttpContext context, ApiTokenScopes scope)
    {
        var name = ApiTokenScopeNames.Format(scope);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{name}\"";
        return WriteAsync(context, Encoding.UTF8.GetBytes(
            $$"""{"type":"https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4","title":"Not allowed with this credential","status":403,"detail":"This needs the \"{{name}}\" scope: a browser or app session, or an API token created with it."}"""));
    }

    /// <summary>The API's <see cref="GridUnavailable"/> answer: 503 with Retry-After and a problem saying so.</summary>
    public static Task WriteUnavailableAsync(HttpContext context)
    {
        GridUnavailable.Mark(context.Response);
        return WriteAsync(context, UnavailableBody);
    }

    /// <summary>The busy answer (<see cref="GridUnavailable"/> with the hashing queue's drain time): every
    /// password-hashing slot and its queue were taken, so nothing was checked, decided or changed. One fixed body, for
    /// a known and an unknown username alike (docs/invariants.md, invariant 9).</summary>
    public static Task WriteBusyAsync(HttpContext context, TimeSpan retryAfter)
    {
        GridUnavailable.Mark(context.Response, retryAfter);
        return WriteAsync(context, BusyBody);
    }

    /// <summary>Client errors carry no per-request trace id, so two refusals of the same kind are byte-identical
    /// (no oracle for which username exists); server errors keep it for correlation with logs.</summary>
    public static void WithoutTraceIdBelow500(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status is < 500)
        {
            context.ProblemDetails.Extensions.Remove("traceId");
        }
    }

    public static ProblemHttpResult BadRequest(string title, string? detail = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    public static ProblemHttpResult Conflict(string title, string? detail = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: title);

    public static ProblemHttpResult InvalidCredentials() =>
        TypedResults.Problem("The username or password is incorrect.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");

    /// <summary>429 with Retry-After in whole seconds (at least 1).</summary>
    public static ProblemHttpResult TooManyAttempts(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = GridUnavailable.Seconds(retryAfter);
        return TypedResults.Problem(
            "Too many failed attempts for this account. Wait for the time in Retry-After.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many attempts");
    }

    /// <summary>429 with Retry-After: the client's network made too many sign-ins or registrations (the per-address
    /// limit, decided before any account is looked at, so it says nothing about one).</summary>
    public static ProblemHttpResult TooManyFromNetwork(HttpContext context, string attempts, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = GridUnavailable.Seconds(retryAfter);
        return TypedResults.Problem(
            $"Too many {attempts} from your network. Wait for the time in Retry-After.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many attempts from this network");
    }

    private static Task WriteAsync(HttpContext context, byte[] body)
    {
        var response = context.Response;
        response.ContentType = ProblemJson;
        response.ContentLength = body.Length;
        response.Headers.CacheControl = "no-store";
        return response.Body.WriteAsync(body).AsTask();
    }
}
