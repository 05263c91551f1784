using Microsoft.Data.Sqlite;
using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>
/// A token id is acknowledged new once only, durably before the answer, across restarts, and never when the write
/// failed (docs/threat-model.md, H1); the record keeps digests, not ids, and forgets them once their tokens are dead.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class ReplayRecordGrainTests(ClusterFixture fixture)
{
    private GridCluster Grid => fixture.Grid;

    [Fact]
    public async Task ATokenIdIsRecordedOnceAndTheSecondTimeIsAReplay()
    {
        var (issuer, jti) = NewToken();
        var keepUntil = Grid.Clock.GetUtcNow() + TimeSpan.FromMinutes(3);

        var first = await RecordOf(issuer, jti).RecordAsync(jti, keepUntil);
        var second = await RecordOf(issuer, jti).RecordAsync(jti, keepUntil);

        Assert.Equal((ReplayRecordOutcome.Recorded, ReplayRecordOutcome.Replayed), (first, second));
        Assert.True(await RecordOf(issuer, jti).ContainsAsync(jti));
    }

    [Fact]
    public async Task TheSameIdFromAnotherIssuerIsNotAReplay()
    {
        var (issuer, jti) = NewToken();
        var keepUntil = Grid.Clock.GetUtcNow() + TimeSpan.FromMinutes(3);
        await RecordOf(issuer, jti).RecordAsync(jti, keepUntil);

        var other = await RecordOf(issuer + "/other", jti).RecordAsync(jti, keepUntil);

        Assert.Equal(ReplayRecordOutcome.Recorded, other);
    }

    [Fact]
    public async Task AnIdIsForgottenOnlyAfterItsKeepUntil()
    {
        var (issuer, jti) = NewToken();
        await RecordOf(issuer, jti).RecordAsync(jti, Grid.Clock.GetUtcNow() + TimeSpan.FromDays(2));

        Grid.Clock.Advance(TimeSpan.FromDays(1));
        var stillKept = await RecordOf(issuer, jti).ContainsAsync(jti);
        Grid.Clock.Advance(TimeSpan.FromDays(1));

        Assert.True(stillKept);
        Assert.False(await RecordOf(issuer, jti).ContainsAsync(jti));
    }

    [Fact]
    public async Task AFailedWriteAcknowledgesNothingAndTheRetryRecords()
    {
        var (issuer, jti) = NewToken();
        var record = RecordOf(issuer, jti);
        var keepUntil = Grid.Clock.GetUtcNow() + TimeSpan.FromMinutes(3);
        var deactivated = Grid.Cluster.WaitForDeactivationAsync(record);
        Grid.Faults.Arm(record.GetGrainId(), FaultPoint.BeforeWrite);

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => record.RecordAsync(jti, keepUntil));
        await deactivated;

        Assert.False(await record.ContainsAsync(jti));
        Assert.Equal(ReplayRecordOutcome.Recorded, await record.RecordAsync(jti, keepUntil));
    }

    [Fact]
    public async Task AWriteWhoseOutcomeIsUnknownIsReportedAsAFailureAndTheRetryFindsTheIdRecorded()
    {
        var (issuer, jti) = NewToken();
        var record = RecordOf(issuer, jti);
        var keepUntil = Grid.Clock.GetUtcNow() + TimeSpan.FromMinutes(3);
        var deactivated = Grid.Cluster.WaitForDeactivationAsync(record);
        Grid.Faults.Arm(record.GetGrainId(), FaultPoint.AfterWrite);

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => record.RecordAsync(jti, keepUntil));
        await deactivated;

        Assert.Equal(ReplayRecordOutcome.Replayed, await record.RecordAsync(jti, keepUntil));
    }

    [Fact]
    public async Task AnIdOfAnotherBucketIsRefused()
    {
        var (issuer, jti) = NewToken();
        var otherBucket = Enumerable.Range(0, 1000).Select(i => $"{jti}-{i}").First(j => ReplayRecords.BucketOf(j) != ReplayRecords.BucketOf(jti));

        await Assert.ThrowsAsync<ArgumentException>(() => RecordOf(issuer, jti).RecordAsync(otherBucket, Grid.Clock.GetUtcNow() + TimeSpan.FromMinutes(3)));
    }

    [Fact]
    public async Task TheDatabaseHoldsADigestOfTheIdNeverTheIdItself()
    {
        var (issuer, jti) = NewToken();
        await RecordOf(issuer, jti).RecordAsync(jti, Grid.Clock.GetUtcNow() + TimeSpan.FromMinutes(3));

        var rows = await ReplayRowsAsync();

        Assert.Contains(rows, row => row.Contains(ReplayRecords.Digest(jti), StringComparison.Ordinal));
        Assert.DoesNotContain(rows, row => row.Contains(jti, StringComparison.Ordinal));
    }

    private async Task<List<string>> ReplayRowsAsync()
    {
        await using var connection = new SqliteConnection(Grid.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT PayloadBinary FROM OrleansStorage WHERE GrainTypeString = 'replay-record'";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(System.Text.Encoding.UTF8.GetString((byte[])reader[0]));
        }

        return rows;
    }

    private IReplayRecordGrain RecordOf(string issuer, string jti) => Grid.Client.GetGrain<IReplayRecordGrain>(ReplayRecords.GrainKey(issuer, jti));

    private static (string Issuer, string Jti) NewToken() => ($"https://idp-{Guid.NewGuid():N}.test", Guid.NewGuid().ToString());
}
