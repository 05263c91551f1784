namespace Sessions.Grains.Abstractions.Federation;

/// <summary>What <see cref="IReplayRecordGrain.RecordAsync"/> did.</summary>
public enum ReplayRecordOutcome : byte
{
    /// <summary>The id was new and is now durably recorded: act on the token.</summary>
    Recorded = 1,

    /// <summary>The id was recorded before: the token is a replay; act on nothing.</summary>
    Replayed = 2,

    /// <summary>The bucket is full of live ids, so this one cannot be recorded: act on nothing and let the sender retry
    /// later (an entry expires within the token's acceptance window). Only a flood of validly signed tokens from one
    /// issuer fills a bucket.</summary>
    Full = 3,
}
