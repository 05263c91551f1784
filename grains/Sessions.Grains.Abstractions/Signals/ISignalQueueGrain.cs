namespace Sessions.Grains.Abstractions.Signals;

/// <summary>
/// One shard of one receiver's durable delivery queue (key: <see cref="SignalShards.QueueKey"/>). Accepts signals from
/// user outboxes, stores them before it answers, and pushes each to the receiver (RFC 8935) until it is accepted (202),
/// refused for good (400), or older than <c>Sessions:Signals:RetryHorizon</c>. A user's signals always go to the same
/// shard, so one receiver gets them in the order they happened; shards deliver side by side.
/// </summary>
public interface ISignalQueueGrain : IGrainWithStringKey
{
    /// <summary>Stores <paramref name="signals"/> (a signal already queued, by <c>jti</c>, is not queued twice) and
    /// starts delivering them. Never waits for the receiver. At the bound the oldest queued signals are dropped, counted.</summary>
    /// <exception cref="Users.SessionStoreUnavailableException">The write failed; the caller keeps the signals and retries.</exception>
    Task EnqueueAsync(SecuritySignal[] signals, CancellationToken cancellationToken = default);

    /// <summary>Loads the queue and attempts whatever is due: after a restart, and on the recovery schedule.</summary>
    Task WakeAsync();

    /// <summary>What this shard holds and has done, for <c>GET /admin/signals</c>.</summary>
    Task<ReceiverStatus> GetStatusAsync();
}
