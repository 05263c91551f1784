using Npgsql;
using Sessions.Grains.Storage;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Cluster;

/// <summary>Our PostgreSQL schema against the ADO.NET persistence and clustering query contracts (ORLEANS-NOTES §1.7).</summary>
public sealed class PostgresSchemaTests(PostgresServer server) : IAsyncLifetime
{
    private const PostgresSchemaParts All = PostgresSchemaParts.Persistence | PostgresSchemaParts.Clustering;

    private NpgsqlDataSource _database = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        await PostgresSchema.ApplyAsync(_database, All, Cancellation);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task ApplyingTheSchemaAgainIsHarmlessAndKeepsData()
    {
        Assert.Equal(1, await WriteAsync("alice", version: null));

        await PostgresSchema.ApplyAsync(_database, All, Cancellation);
        await PostgresSchema.ApplyAsync(_database, All, Cancellation);

        Assert.Equal(1, await ScalarAsync("SELECT Version FROM OrleansStorage"));
        Assert.Equal(12L, await ScalarAsync("SELECT COUNT(*) FROM OrleansQuery"));
        Assert.Equal(2L, await ScalarAsync("SELECT COUNT(*) FROM SessionGridSchema WHERE Version = 1"));
    }

    [Fact]
    public async Task SilosStartingTogetherApplyTheSchemaOneAtATime()
    {
        var applies = Enumerable.Range(0, 4).Select(_ => PostgresSchema.ApplyAsync(_database, All, Cancellation));

        await Task.WhenAll(applies);

        Assert.Equal(12L, await ScalarAsync("SELECT COUNT(*) FROM OrleansQuery"));
    }

    [Fact]
    public async Task ADatabaseFromANewerBuildIsRefused()
    {
        await ScalarAsync("UPDATE SessionGridSchema SET Version = 99 WHERE Component = 'clustering'");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresSchema.ApplyAsync(_database, All, Cancellation));

        Assert.Contains("'clustering' schema at version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentFirstWritesOfOneGrainCannotCreateTwoRows()
    {
        await using var first = await _database.OpenConnectionAsync(Cancellation);
        await using var transaction = await first.BeginTransactionAsync(Cancellation);
        Assert.Equal(1, await WriteAsync("bob", version: null, connection: first));

        // The second first-write races the uncommitted first: it must wait for it, then write nothing.
        var racing = WriteAsync("bob", version: null);
        await WaitUntilAsync(async () => (long)(await ScalarAsync(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"))! > 0);
        await transaction.CommitAsync(Cancellation);

        Assert.Null(await racing);
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM OrleansStorage"));
        Assert.Null(await WriteAsync("bob", version: null));
    }

    [Fact]
    public async Task AWriteSucceedsOnlyAgainstTheVersionItRead()
    {
        await WriteAsync("carol", version: null);

        var next = await WriteAsync("carol", version: 1);
        var stale = await WriteAsync("carol", version: 1);

        Assert.Equal(2, next);
        Assert.Null(stale);
    }

    [Fact]
    public async Task AWriteWithAVersionNeverRecreatesAMissingRow()
    {
        var ghost = await WriteAsync("dave", version: 7);

        Assert.Null(ghost);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM OrleansStorage"));
    }

    [Fact]
    public async Task ReadReturnsThePayloadAndVersionAndClearKeepsTheRow()
    {
        await WriteAsync("erin", version: null, payload: [1, 2, 3]);

        var (payload, version) = await ReadAsync("erin");
        await using (var clear = await CommandAsync("ClearStorageKey", "erin", 1, null))
        {
            Assert.Equal(2, await clear.ExecuteScalarAsync(Cancellation));
        }

        Assert.Equal([1, 2, 3], payload);
        Assert.Equal(1, version);
        var (cleared, clearedVersion) = await ReadAsync("erin");
        Assert.Null(cleared);
        Assert.Equal(2, clearedVersion);
    }

    [Fact]
    public async Task EveryClusteringQueryTheProviderRequiresIsPresent()
    {
        string[] required =
        [
            "InsertMembershipVersionKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipKey",
            "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
            "CleanupDefunctSiloEntriesKey",
        ];

        var present = await ScalarAsync(
            "SELECT COUNT(*) FROM OrleansQuery WHERE QueryKey = ANY(@keys)", ("keys", required));

        Assert.Equal((long)required.Length, present);
    }

    private async Task<int?> WriteAsync(string key, int? version, byte[]? payload = null, NpgsqlConnection? connection = null)
    {
        await using var command = await CommandAsync("WriteToStorageKey", key, version, payload ?? [42], connection);
        return await command.ExecuteScalarAsync(Cancellation) as int?;
    }

    private async Task<(byte[]? Payload, int? Version)> ReadAsync(string key)
    {
        await using var command = await CommandAsync("ReadFromStorageKey", key, null, null);
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        Assert.True(await reader.ReadAsync(Cancellation));
        return (reader.IsDBNull(0) ? null : (byte[])reader[0], reader.GetInt32(1));
    }

    /// <summary>The stored query text with the parameters the provider binds, typed as it types them.</summary>
    private async Task<NpgsqlCommand> CommandAsync(string queryKey, string key, int? version, byte[]? payload, NpgsqlConnection? connection = null)
    {
        var text = (string)(await ScalarAsync("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key", ("key", queryKey)))!;
        var command = connection is null ? _database.CreateCommand(text) : new NpgsqlCommand(text, connection);
        command.Parameters.AddWithValue("GrainIdHash", 1);
        command.Parameters.AddWithValue("GrainIdN0", 0L);
        command.Parameters.AddWithValue("GrainIdN1", 0L);
        command.Parameters.AddWithValue("GrainTypeHash", 2);
        command.Parameters.AddWithValue("GrainTypeString", "username");
        command.Parameters.AddWithValue("GrainIdExtensionString", key);
        command.Parameters.AddWithValue("ServiceId", "schema-tests");
        command.Parameters.Add(new NpgsqlParameter("GrainStateVersion", System.Data.DbType.Int32) { Value = (object?)version ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("PayloadBinary", System.Data.DbType.Binary) { Value = (object?)payload ?? DBNull.Value });
        return command;
    }

    private async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = _database.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync(Cancellation);
    }

    /// <summary>Polls a condition the database reaches in its own time, for at most ten seconds.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition was not reached in time.");
            await Task.Delay(20, Cancellation);
        }
    }
}
