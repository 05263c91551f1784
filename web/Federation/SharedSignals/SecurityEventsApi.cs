using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Apis;
using Sessions.Web.Grid;
using Sessions.Web.Http;
using Sessions.Web.OpenApi;

namespace Sessions.Web.Federation.SharedSignals;

/// <summary>
/// <c>POST /ssf/events</c>: the Shared Signals receiver, push delivery (RFC 8935). A configured transmitter posts one
/// Security Event Token (RFC 8417) as <c>application/secevent+jwt</c>; a valid one is acted on once
/// (<see cref="SecurityEventEffects"/>) and answered 202 only when its effect and its <c>jti</c> are durable, so a
/// transmitter that sees 202 may forget it, and one that sees a 503 sends it again. A token seen before is answered
/// 202 and changes nothing. Refusals are 400 with RFC 8935's <c>{"err","description"}</c> and change nothing.
/// </summary>
public static class SecurityEventsApi
{
    /// <summary>The push endpoint's path.</summary>
    public const string Path = "/ssf/events";

    private const string SecEventJwt = "application/secevent+jwt";

    public static IEndpointRouteBuilder MapSecurityEventsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ReceiveAsync)
            .DisableAntiforgery()
            .WithMetadata(new FormBodyMetadata(typeof(string), SecEventJwt))
            .WithEmptyResponse(StatusCodes.Status202Accepted, "Accepted: acted on durably, or a token seen before, or an event that changes nothing here.")
            .WithJsonResponse(StatusCodes.Status400BadRequest, typeof(SecurityEventErrorBody),
                "RFC 8935 §2.4: invalid_request, invalid_key, invalid_issuer, invalid_audience or access_denied; nothing changed.")
            .ProducesGridUnavailable();
        return endpoints;
    }

    public static async Task<IResult> ReceiveAsync(
        HttpContext context, SecurityEventTokenValidator validator, IGrainFactory grains, UserGrains users, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(SecurityEventsApi));
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || !type.MediaType.Equals(SecEventJwt, StringComparison.OrdinalIgnoreCase))
        {
            return Error(SecurityEventError.InvalidRequest, "Send the token as application/secevent+jwt (RFC 8935 §2.1).");
        }

        using var reader = new StreamReader(context.Request.Body);
        var validated = await validator.ValidateAsync((await reader.ReadToEndAsync(context.RequestAborted)).Trim(), context.RequestAborted);
        if (!validated.IsValid)
        {
            return validated.Failure.IsTransient
                ? Unavailable(context)
                : Error(SecurityEventErrors.For(validated.Failure.Reason), validated.Failure.Description);
        }

        var set = validated.Token;
        var replays = grains.GetGrain<IReplayRecordGrain>(ReplayRecords.GrainKey(set.Issuer, set.Jti));
        if (await replays.ContainsAsync(set.Jti))
        {
            SharedSignalsLog.Duplicate(logger, set.TransmitterName, set.EventType);
            return TypedResults.Accepted((string?)null);
        }

        if (!SecurityEventEffects.IsActedOn(set.EventType))
        {
            SharedSignalsLog.NoEffect(logger, set.TransmitterName, set.EventType);
            return TypedResults.Accepted((string?)null);
        }

        return await ActAsync(context, set, replays, grains, users, logger);
    }

    private static async Task<IResult> ActAsync(
        HttpContext context, SecurityEvent set, IReplayRecordGrain replays, IGrainFactory grains, UserGrains users, ILogger logger)
    {
        var target = await SecurityEventSubjects.ResolveAsync(set.Subject, grains, users);
        var outcome = target is null
            ? SecurityEventOutcome.NoSuchAccount
            : await SecurityEventEffects.ApplyAsync(users.Get(target.UserId), set.EventType, target, Actor.Transmitter(set.TransmitterName));
        switch (outcome)
        {
            case SecurityEventOutcome.NoSuchAccount:
                SharedSignalsLog.UnknownSubject(logger, set.TransmitterName, set.EventType, set.Subject.Format);
                return Error(SecurityEventError.InvalidRequest,
                    "The subject names no user here: send opaque (a user id), iss_sub (a linked identity) or complex (user, and a session id).");
            case SecurityEventOutcome.Denied:
                return Error(SecurityEventError.AccessDenied, "This transmitter may not do that to this user.");
        }

        if (await replays.RecordAsync(set.Jti, set.KeepUntil) == ReplayRecordOutcome.Full)
        {
            return Unavailable(context);
        }

        SharedSignalsLog.Acted(logger, set.TransmitterName, set.EventType, target!.UserId);
        return TypedResults.Accepted((string?)null);
    }

    private static JsonHttpResult<SecurityEventErrorBody> Error(SecurityEventError error, string description) =>
        TypedResults.Json(new SecurityEventErrorBody(SecurityEventErrors.Code(error), description), statusCode: StatusCodes.Status400BadRequest);

    private static ProblemHttpResult Unavailable(HttpContext context)
    {
        GridUnavailable.Mark(context.Response);
        return TypedResults.Problem("Nothing was acknowledged; send the token again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Session store unavailable");
    }
}
