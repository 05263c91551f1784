using Sessions.Grains.Abstractions.Federation;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>The replay record survives a restart of the whole cluster on the same database, and a full bucket fails
/// closed: it refuses new ids (the sender retries) rather than forgetting live ones.</summary>
public sealed class ReplayRecordDurabilityTests
{
    [Fact]
    public async Task ARecordedIdIsStillAReplayAfterTheClusterRestartsOnTheSameDatabase()
    {
        const string issuer = "https://idp.test";
        var jti = Guid.NewGuid().ToString();
        var before = await GridCluster.StartAsync(silos: 1);
        var keepUntil = before.Clock.GetUtcNow() + TimeSpan.FromMinutes(3);
        var recorded = await before.Client.GetGrain<IReplayRecordGrain>(ReplayRecords.GrainKey(issuer, jti)).RecordAsync(jti, keepUntil);
        await before.DisposeAsync();

        await using var after = await GridCluster.StartAsync(before.DatabasePath, silos: 1, clock: before.Clock);
        var replay = await after.Client.GetGrain<IReplayRecordGrain>(ReplayRecords.GrainKey(issuer, jti)).RecordAsync(jti, keepUntil);

        Assert.Equal((ReplayRecordOutcome.Recorded, ReplayRecordOutcome.Replayed), (recorded, replay));
    }

    [Fact]
    public async Task AFullBucketRefusesNewIdsUntilItsOldestExpire()
    {
        const string issuer = "https://busy-idp.test";
        await using var grid = await GridCluster.StartAsync(silos: 1);
        var ids = IdsOfOneBucket(ReplayRecords.MaxEntriesPerBucket + 1);
        var record = grid.Client.GetGrain<IReplayRecordGrain>(ReplayRecords.GrainKey(issuer, ids[0]));
        var now = grid.Clock.GetUtcNow();
        await record.RecordAsync(ids[0], now + TimeSpan.FromMinutes(1));
        foreach (var id in ids.Skip(1).SkipLast(1))
        {
            await record.RecordAsync(id, now + TimeSpan.FromMinutes(10));
        }

        var whenFull = await record.RecordAsync(ids[^1], now + TimeSpan.FromMinutes(10));
        grid.Clock.Advance(TimeSpan.FromMinutes(2));
        var afterTheOldestExpired = await record.RecordAsync(ids[^1], now + TimeSpan.FromMinutes(10));

        Assert.Equal((ReplayRecordOutcome.Full, ReplayRecordOutcome.Recorded), (whenFull, afterTheOldestExpired));
        Assert.True(await record.ContainsAsync(ids[1]));
    }

    private static string[] IdsOfOneBucket(int count)
    {
        var bucket = ReplayRecords.BucketOf("seed");
        return Enumerable.Range(0, int.MaxValue).Select(i => $"jti-{i}").Where(id => ReplayRecords.BucketOf(id) == bucket).Take(count).ToArray();
    }
}
