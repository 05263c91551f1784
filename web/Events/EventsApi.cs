using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Sessions.Web.Apis;
using Sessions.Web.Authentication.SessionGrid;
using Sessions.Web.Http;

namespace Sessions.Web.Events;

/// <summary>
/// <c>GET /auth/events</c>: a Server-Sent Events stream that says <c>event: signed-out</c> and closes when the
/// credential it was opened with is revoked (by the user anywhere, an operator, a provider's signal: anything the
/// user's grain writes) or expires — a stream never outlives its credential. Authenticated like every request (cookie
/// or bearer, API tokens included); a GET, so the cross-site rules for changes do not apply and the session cookie's
/// SameSite=Lax keeps other sites' pages from opening one with it.
/// </summary>
public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder auth)
    {
        auth.MapGet("/events", StreamAsync)
            .RequireAuthorization()
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [ServerSentEvents.ContentType])
            {
                Description = "text/event-stream: keep-alive comments, then `event: signed-out` with `data: {\"reason\":\"revoked\"}` (or \"expired\") when the credential ends, and the stream closes.",
            })
            .WithProblemResponse(StatusCodes.Status401Unauthorized, "No live credential: missing, malformed, expired or revoked (one body for all). Sign in again.")
            .WithProblemResponse(StatusCodes.Status429TooManyRequests, "The user holds the most event streams this server keeps for one user (Sessions:Web:EventStreamsPerUser); close one.")
            .WithProblemResponse(StatusCodes.Status503ServiceUnavailable, "The session grid could not decide, or this server holds the most event streams it keeps (Sessions:Web:MaxEventStreams). Retry after Retry-After.");
        return auth;
    }

    public static async Task<IResult> StreamAsync(
        HttpContext context, EventStreamHub hub, EventStreamMetrics metrics, IOptions<EventStreamOptions> options, IHostApplicationLifetime lifetime)
    {
        // Authorization passed, so the request presented exactly one credential and its grain accepted it.
        PresentedCredential.TryRead(context.Request, out var token, out _);
        var userId = SessionGridClaims.UserIdOf(context.User);
        var admission = hub.TryOpen(userId, token!, out var stream);
        if (admission != StreamAdmission.Admitted)
        {
            metrics.Refused(admission);
            return Refusal(context, admission);
        }

        try
        {
            // Subscribed before the first check, so a revocation after that check is notified and none falls between.
            if (!await hub.WatchAsync(userId))
            {
                await Problems.WriteUnavailableAsync(context);
                return Results.Empty;
            }

            stream!.RequestCheck();
            await StreamUntilSignedOutAsync(context, stream, options.Value.EventStreamKeepAliveInterval, metrics, lifetime.ApplicationStopping);
            return Results.Empty;
        }
        finally
        {
            hub.Close(stream!);
        }
    }

    private static async Task StreamUntilSignedOutAsync(
        HttpContext context, EventStream stream, TimeSpan keepAlive, EventStreamMetrics metrics, CancellationToken stopping)
    {
        using var stopped = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await ServerSentEvents.OpenAsync(context.Response, stopped.Token);
            var reason = await stream.RunAsync(context.Response, keepAlive, stopped.Token);
            await ServerSentEvents.SignedOutAsync(context.Response, reason, stopped.Token);
            metrics.SignedOut(reason);
        }
        catch (Exception exception) when (stopped.IsCancellationRequested && exception is OperationCanceledException or IOException)
        {
            // The client went away or the host is stopping: the stream just ends, and a browser reconnects elsewhere.
        }
    }

    private static ProblemHttpResult Refusal(HttpContext context, StreamAdmission admission)
    {
        if (admission == StreamAdmission.TooManyForUser)
        {
            return TypedResults.Problem(
                "You have the most live sign-out streams this server keeps for one person open (one per page). Close a page and try again.",
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many event streams");
        }

        context.Response.Headers.RetryAfter = "10";
        return TypedResults.Problem(
            "This server holds the most live sign-out streams it keeps. Retry after the seconds in Retry-After.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Too many event streams on this server");
    }
}
