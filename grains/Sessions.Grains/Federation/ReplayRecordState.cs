namespace Sessions.Grains.Federation;

/// <summary>One bucket of one issuer's used token ids. Ids are a storage contract: extend only, never renumber.</summary>
[GenerateSerializer, Alias("sg.ReplayRecordState")]
internal sealed class ReplayRecordState
{
    /// <summary>The name the replay record grain persists this state under: a storage contract, keyed into every row.</summary>
    public const string StateName = "replay-record";

    /// <summary>Digests of used ids (<see cref="Abstractions.Federation.ReplayRecords.Digest"/>), each with the time after
    /// which it may be forgotten. Never the ids themselves.</summary>
    [Id(0)] public Dictionary<string, DateTimeOffset> Entries { get; set; } = new(StringComparer.Ordinal);
}
