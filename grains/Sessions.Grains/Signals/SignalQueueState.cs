using Sessions.Grains.Abstractions.Signals;

namespace Sessions.Grains.Signals;

/// <summary>What one queue shard persists: the signals still owed to its receiver, oldest first, and what it has done.
/// Ids are a storage contract: extend only, never renumber.</summary>
[GenerateSerializer, Alias("sg.SignalQueueState")]
internal sealed class SignalQueueState
{
    /// <summary>The name the queue grain persists this state under: a storage contract, keyed into every row.</summary>
    public const string StateName = "signal-queue";

    /// <summary>Oldest first; at most <c>MaxQueuedPerReceiver / SignalShards.Count</c>.</summary>
    [Id(0)] public List<SecuritySignal> Items { get; set; } = [];

    [Id(1)] public long Delivered { get; set; }

    [Id(2)] public long Failed { get; set; }

    [Id(3)] public long Dropped { get; set; }

    [Id(4)] public long Expired { get; set; }

    [Id(5)] public string? LastError { get; set; }

    [Id(6)] public DateTimeOffset? LastErrorAt { get; set; }

    [Id(7)] public DateTimeOffset? LastDeliveredAt { get; set; }

    /// <summary>A copy to hand to storage, so the queue can change while the copy is written.</summary>
    public SignalQueueState Snapshot() => new()
    {
        Items = [.. Items],
        Delivered = Delivered,
        Failed = Failed,
        Dropped = Dropped,
        Expired = Expired,
        LastError = LastError,
        LastErrorAt = LastErrorAt,
        LastDeliveredAt = LastDeliveredAt,
    };
}
