using Sessions.Grains.Abstractions.Signals;

namespace Sessions.Grains.Signals;

/// <summary>
/// A user's outbox, part of the user's state (<c>UserState.Signals</c>): signals are added in the same write as the
/// change they describe (docs/invariants.md, invariant 11), and removed once the receivers' queues hold them. Ids are
/// a storage contract: extend only, never renumber.
/// </summary>
[GenerateSerializer, Alias("sg.SignalOutboxState")]
internal sealed class SignalOutboxState
{
    /// <summary>Oldest first; at most <c>Sessions:Signals:MaxPendingPerUser</c>.</summary>
    [Id(0)] public List<SecuritySignal> Pending { get; set; } = [];

    /// <summary>Signals dropped at that bound, ever (the queues could not be reached for that long).</summary>
    [Id(1)] public long Dropped { get; set; }
}
