namespace Sessions.Grains.Abstractions.Signals;

/// <summary>
/// The user grain's outbox of signals (key: the user id). Events are queued there in the same durable write as the
/// revocation they describe; this hands them to the receivers' queues (<see cref="ISignalQueueGrain"/>) and then
/// removes them. The user grain does it by itself right after each acknowledgement; the pending index
/// (<see cref="ISignalPendingIndexGrain"/>) calls it for users whose outbox a crash left full.
/// </summary>
public interface ISignalOutbox : IGrainWithStringKey
{
    /// <summary>Hands every queued signal to its receivers' queues and removes those handed over. Harmless when the
    /// outbox is empty; a failure leaves the signals queued for the next attempt.</summary>
    Task DispatchSignalsAsync();
}
