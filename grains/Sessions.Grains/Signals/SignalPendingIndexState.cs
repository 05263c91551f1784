namespace Sessions.Grains.Signals;

/// <summary>What one shard of the pending index persists: the users whose outbox may hold signals. Ids are a storage
/// contract: extend only, never renumber.</summary>
[GenerateSerializer, Alias("sg.SignalPendingIndexState")]
internal sealed class SignalPendingIndexState
{
    /// <summary>The name the index grain persists this state under: a storage contract, keyed into every row.</summary>
    public const string StateName = "signal-pending";

    [Id(0)] public HashSet<string> UserIds { get; set; } = new(StringComparer.Ordinal);
}
