namespace Sessions.Grains.Abstractions.Signals;

/// <summary>
/// One shard of the durable list of users whose outbox holds signals (key: <see cref="SignalShards.IndexKey"/>), so a
/// crash between a revocation's acknowledgement and the hand-over of its signals delays them and never loses them:
/// every silo wakes every shard when it starts and on the recovery schedule, and each listed user's outbox is
/// dispatched without anyone touching that user.
/// </summary>
public interface ISignalPendingIndexGrain : IGrainWithStringKey
{
    /// <summary>Lists <paramref name="userId"/>, durably, before the answer.</summary>
    /// <exception cref="Users.SessionStoreUnavailableException">The write failed.</exception>
    Task MarkAsync(string userId);

    /// <summary>Removes <paramref name="userId"/> (its outbox is empty); durable with the next mark, and harmless if lost.</summary>
    Task UnmarkAsync(string userId);

    /// <summary>Dispatches the outbox of every listed user.</summary>
    Task WakeAsync();
}
