namespace Sessions.Grains.Abstractions.Signals;

/// <summary>
/// One event the grid owes its receivers, chosen in the user grain in the same write as the change it describes and
/// never changed afterwards: every delivery attempt of it, to every receiver, carries the same <see cref="Jti"/>, so
/// receivers de-duplicate what at-least-once delivery repeats.
/// </summary>
/// <param name="Jti">The Security Event Token's <c>jti</c>: 32 hex digits, random, chosen when the event is queued.</param>
/// <param name="Kind">What happened.</param>
/// <param name="UserId">The user (32 hex digits): the <c>opaque</c> subject identifier.</param>
/// <param name="SessionId">The ended session, for <see cref="SignalKind.SessionRevoked"/>; otherwise null.</param>
/// <param name="OccurredAt">When it happened (<c>event_timestamp</c>); the retry horizon counts from here.</param>
/// <param name="Initiator">Who caused it (<c>initiating_entity</c>).</param>
[GenerateSerializer, Immutable, Alias("sg.SecuritySignal")]
public sealed record SecuritySignal(
    [property: Id(0)] string Jti,
    [property: Id(1)] SignalKind Kind,
    [property: Id(2)] string UserId,
    [property: Id(3)] string? SessionId,
    [property: Id(4)] DateTimeOffset OccurredAt,
    [property: Id(5)] InitiatingEntity Initiator);
