namespace Sessions.Grains.Abstractions.Signals;

/// <summary>A receiver's delivery state (one queue shard, or the sum of them), as <c>GET /admin/signals</c> shows it.
/// Never carries a signal's content or the receiver's authorization header.</summary>
/// <param name="Receiver">The receiver's name under <c>Sessions:Signals:Receivers</c>.</param>
/// <param name="Queued">Signals waiting for delivery.</param>
/// <param name="OldestQueuedAt">When the oldest waiting signal happened; null when none waits.</param>
/// <param name="Delivered">Signals the receiver accepted (202).</param>
/// <param name="Failed">Signals the receiver refused for good (400); not retried.</param>
/// <param name="Dropped">Signals dropped at the queue's bound (<c>Sessions:Signals:MaxQueuedPerReceiver</c>).</param>
/// <param name="Expired">Signals given up after <c>Sessions:Signals:RetryHorizon</c>.</param>
/// <param name="LastError">The last failed attempt's reason (<c>HTTP 503</c>, <c>timeout</c>, <c>400 invalid_key</c>…).</param>
/// <param name="LastErrorAt">When it failed.</param>
/// <param name="LastDeliveredAt">When a signal was last accepted.</param>
[GenerateSerializer, Immutable, Alias("sg.ReceiverStatus")]
public sealed record ReceiverStatus(
    [property: Id(0)] string Receiver,
    [property: Id(1)] int Queued,
    [property: Id(2)] DateTimeOffset? OldestQueuedAt,
    [property: Id(3)] long Delivered,
    [property: Id(4)] long Failed,
    [property: Id(5)] long Dropped,
    [property: Id(6)] long Expired,
    [property: Id(7)] string? LastError,
    [property: Id(8)] DateTimeOffset? LastErrorAt,
    [property: Id(9)] DateTimeOffset? LastDeliveredAt);
