using Microsoft.AspNetCore.Http.HttpResults;
using Sessions.Web.Federation.SharedSignals;

namespace Sessions.Web.Federation.GlobalRevocation;

/// <summary>The refusals of the global token revocation endpoint, as problems; none repeats a value the caller sent
/// beyond the subject format.</summary>
internal static class RevocationProblems
{
    /// <summary>401 with the RFC 6750 §3 challenge: the assertion or key is missing, invalid or spent.</summary>
    public static ProblemHttpResult Unauthorized(HttpContext context, string description)
    {
        context.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{description.Replace('"', '\'')}\"";
        return TypedResults.Problem(description, statusCode: StatusCodes.Status401Unauthorized, title: "Not authenticated");
    }

    /// <summary>403, 404 or 422: an authenticated caller named a subject that cannot be revoked here.</summary>
    public static ProblemHttpResult For(RevocationRefusal refusal, SubjectIdentifier subject) => refusal switch
    {
        RevocationRefusal.UnsupportedFormat => TypedResults.Problem(
            $"Subject identifiers of format '{subject.Format}' are not supported; send iss_sub (a linked identity) or opaque (a user id).",
            statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unsupported subject identifier format"),
        RevocationRefusal.NotOwned => TypedResults.Problem(
            "A provider may name only its own identities (iss_sub at its issuer) and the users linked to it.",
            statusCode: StatusCodes.Status403Forbidden, title: "Not this provider's subject"),
        _ => TypedResults.Problem("No user is this subject.", statusCode: StatusCodes.Status404NotFound, title: "Unknown subject"),
    };
}
