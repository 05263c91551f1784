using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Sessions.Grains.Abstractions.Federation;
using Sessions.Web.Apis;
using Sessions.Web.Grid;
using Sessions.Web.Hosting;
using Sessions.Web.Http;
using Sessions.Web.OpenApi;

namespace Sessions.Web.Federation.GlobalRevocation;

/// <summary>
/// <c>POST /oauth/global-token-revocation</c> (draft-parecki-oauth-global-token-revocation): a provider or an operator
/// names a user, and one grain call revokes everything the user holds — sessions, access and refresh tokens, API
/// tokens — so nothing works until they sign in again. 204 only once that is durable; a refusal revokes nothing. A
/// provider's assertion is spent (its <c>jti</c> recorded) once answered, unless the grid failed (503): then the same
/// assertion may be sent again.
/// </summary>
public static class GlobalTokenRevocationApi
{
    /// <summary>The path under the grid's origin.</summary>
    public const string Path = "/oauth/global-token-revocation";

    public static IEndpointRouteBuilder MapGlobalTokenRevocationApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, RevokeAsync)
            .DisableAntiforgery()
            .WithMetadata(new FormBodyMetadata(typeof(GlobalTokenRevocationBody), "application/json"))
            .WithEmptyResponse(StatusCodes.Status204NoContent, "Every credential of the user is revoked, durably; they must sign in again.")
            .WithProblemResponse(StatusCodes.Status400BadRequest, "The body is not {\"sub_id\": <a subject identifier>} as application/json.")
            .WithProblemResponse(StatusCodes.Status401Unauthorized, "No valid, unused bearer assertion of a configured provider, nor an operator key (WWW-Authenticate says why).")
            .WithProblemResponse(StatusCodes.Status403Forbidden, "The provider named a subject it does not own.")
            .WithProblemResponse(StatusCodes.Status404NotFound, "No user is this subject.")
            .WithProblemResponse(StatusCodes.Status422UnprocessableEntity, "The subject identifier's format is not supported (iss_sub and opaque are).")
            .ProducesGridUnavailable();
        return endpoints;
    }

    public static async Task<IResult> RevokeAsync(
        HttpContext context, RevocationAssertionValidator assertions, IOptions<WebOptions> web, IGrainFactory grains, UserGrains users,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(GlobalTokenRevocationApi));
        var (caller, failure) = await RevocationCallers.AuthenticateAsync(context, assertions, PublicEndpoints.UrlsOf(context.Request, web.Value, Path));
        if (caller is null)
        {
            return failure!.IsTransient ? Unavailable(context) : RevocationProblems.Unauthorized(context, failure.Description);
        }

        if (await AssertionReplays.WasUsedAsync(grains, caller))
        {
            GlobalRevocationLog.Replayed(logger, caller.Actor.Describe());
            return RevocationProblems.Unauthorized(context, "This assertion was used before; send a new one (a new jti).");
        }

        return await RevokeForAsync(context, caller, grains, users, logger);
    }

    /// <summary>The request of an authenticated caller: whatever the answer but a 503, its assertion is spent.</summary>
    private static async Task<IResult> RevokeForAsync(HttpContext context, RevocationCaller caller, IGrainFactory grains, UserGrains users, ILogger logger)
    {
        var (subject, malformed) = await RevocationRequest.ReadAsync(context.Request);
        if (subject is null)
        {
            await AssertionReplays.SpendAsync(grains, caller);
            GlobalRevocationLog.Refused(logger, caller.Actor.Describe(), "malformed");
            return Problems.BadRequest("Invalid global token revocation request", malformed);
        }

        // The grain judges the actor again: a provider may sign out only a user linked to it.
        var (userId, refusal) = await RevocationSubjects.ResolveAsync(subject, caller, grains, users);
        var revoked = refusal is null ? await users.Get(userId).SignOutEverywhereAsync(caller.Actor, keepCurrent: false) : null;
        var spent = await AssertionReplays.SpendAsync(grains, caller);
        if (revoked is null)
        {
            GlobalRevocationLog.Refused(logger, caller.Actor.Describe(), (refusal ?? RevocationRefusal.NotOwned).ToString());
            return RevocationProblems.For(refusal ?? RevocationRefusal.NotOwned, subject);
        }

        if (spent == ReplayRecordOutcome.Full)
        {
            return Unavailable(context);
        }

        GlobalRevocationLog.Revoked(logger, caller.Actor.Describe(), userId, revoked.RevokedSessions, revoked.RevokedTokens);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Unavailable(HttpContext context)
    {
        GridUnavailable.Mark(context.Response);
        return TypedResults.Problem("Nothing was revoked or acknowledged. Retry shortly.", statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Session store unavailable");
    }
}
