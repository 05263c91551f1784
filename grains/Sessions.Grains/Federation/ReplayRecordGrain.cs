using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Hosting;
using Sessions.Grains.Storage;

namespace Sessions.Grains.Federation;

/// <summary>
/// One bucket of one issuer's used token ids (key: <see cref="ReplayRecords.GrainKey"/>). A new id is written before
/// it is acknowledged; a failed write poisons the activation (docs/threat-model.md, H1), so an id is never reported
/// new twice and never reported recorded unless storage holds it.
/// </summary>
internal sealed partial class ReplayRecordGrain(
    [PersistentState(ReplayRecordState.StateName, SessionGrid.StorageName)] IPersistentState<ReplayRecordState> state,
    [FromKeyedServices(SessionGrid.ClockKey)] TimeProvider time,
    IGrainContext context,
    ILogger<ReplayRecordGrain> logger) : Grain, IReplayRecordGrain
{
    private readonly GuardedState<ReplayRecordState> _state = new(state, context, logger, "a replay record");

    public async Task<ReplayRecordOutcome> RecordAsync(string jti, DateTimeOffset keepUntil)
    {
        _state.ThrowIfPoisoned();
        var digest = DigestOf(jti);
        var now = time.GetUtcNow();
        if (keepUntil > now + ReplayRecords.MaxRetention)
        {
            throw new ArgumentOutOfRangeException(nameof(keepUntil), $"An id is kept at most {ReplayRecords.MaxRetention.TotalDays} days.");
        }

        var entries = _state.State.Entries;
        if (IsLive(entries, digest, now))
        {
            return ReplayRecordOutcome.Replayed;
        }

        Prune(entries, now);
        if (entries.Count >= ReplayRecords.MaxEntriesPerBucket)
        {
            LogFull(logger, this.GetPrimaryKeyString(), entries.Count);
            return ReplayRecordOutcome.Full;
        }

        entries[digest] = keepUntil;
        await _state.WriteAsync();
        return ReplayRecordOutcome.Recorded;
    }

    public Task<bool> ContainsAsync(string jti)
    {
        _state.ThrowIfPoisoned();
        return Task.FromResult(IsLive(_state.State.Entries, DigestOf(jti), time.GetUtcNow()));
    }

    private string DigestOf(string jti)
    {
        if (string.IsNullOrEmpty(jti) || jti.Length > ReplayRecords.MaxJtiLength)
        {
            throw new ArgumentException($"A token id is 1 to {ReplayRecords.MaxJtiLength} characters.", nameof(jti));
        }

        // The key names the bucket; an id of another bucket here would escape the bucket that is checked for it.
        var key = this.GetPrimaryKeyString();
        if (!key.EndsWith($".{ReplayRecords.BucketOf(jti):x2}", StringComparison.Ordinal))
        {
            throw new ArgumentException("The token id belongs to another replay record bucket.", nameof(jti));
        }

        return ReplayRecords.Digest(jti);
    }

    private static bool IsLive(Dictionary<string, DateTimeOffset> entries, string digest, DateTimeOffset now) =>
        entries.TryGetValue(digest, out var keepUntil) && keepUntil > now;

    private static void Prune(Dictionary<string, DateTimeOffset> entries, DateTimeOffset now)
    {
        foreach (var (digest, keepUntil) in entries)
        {
            if (keepUntil <= now)
            {
                entries.Remove(digest);
            }
        }
    }

    [LoggerMessage(1401, LogLevel.Warning, "The replay record {Bucket} holds {Count} live token ids and refuses more until some expire")]
    private static partial void LogFull(ILogger logger, string bucket, int count);
}
