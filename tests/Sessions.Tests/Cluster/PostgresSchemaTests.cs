using Npgsql;
using Sessions.Grains.Storage;
using Sessions.Tests.Infrastructure;
using Sessions.Tests.Storage;

namespace Sessions.Tests.Cluster;

/// <summary>Our PostgreSQL schema against the ADO.NET persistence and clustering query contracts (docs/architecture.md#storage).</summary>
public sealed class PostgresSchemaTests(PostgresServer server) : PersistenceQueryContractTests, IAsyncLifetime
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
        Assert.Equal(1, await WriteAsync("bob", version: null, payload: null, connection: first));

        // The second first-write races the uncommitted first: it must wait for it, then write nothing.
        var racing = WriteAsync("bob", version: null);
        await WaitUntilAsync(async () => (long)(await ScalarAsync(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"))! > 0);
        await transaction.CommitAsync(Cancellation);

        Assert.Null(await racing);
        Assert.Equal(1L, await RowCountAsync());
        Assert.Null(await WriteAsync("bob", version: null));
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

    protected override Task<int?> WriteAsync(string key, int? version, byte[]? payload = null) => WriteAsync(key, version, payload, connection: null);

    protected override async Task<(byte[]? Payload, int Version)> ReadAsync(string key)
    {
        await using var command = await CommandAsync("ReadFromStorageKey", key, null, null);
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        Assert.True(await reader.ReadAsync(Cancellation));
        return (reader.IsDBNull(0) ? null : (byte[])reader[0], reader.GetInt32(1));
    }

    protected override async Task<int?> ClearAsync(string key, int version)
    {
        await using var command = await CommandAsync("ClearStorageKey", key, version, null);
        return await command.ExecuteScalarAsync(Cancellation) as int?;
    }

    protected override async Task<long> RowCountAsync() => (long)(await ScalarAsync("SELECT COUNT(*) FROM OrleansStorage"))!;

    private async Task<int?> WriteAsync(string key, int? version, byte[]? payload, NpgsqlConnection? connection)
    {
        await using var command = await CommandAsync("WriteToStorageKey", key, version, payload ?? [42], connection);
        return await command.ExecuteScalarAsync(Cancellation) as int?;
    }

    /// <summary>The stored query text with the parameters the provider binds, typed as it types them.</summary>
    private async Task<NpgsqlCommand> CommandAsync(string queryKey, string key, int? version, byte[]? payload, NpgsqlConnection? connection = null)
    {
        var text = (string)(await ScalarAsync("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key", ("key", queryKey)))!;
        var command = connection is null ? _database.CreateCommand(text) : new NpgsqlCommand(text, connection);
        foreach (var (name, value) in GrainIdentity(key))
        {
            command.Parameters.AddWithValue(name, value);
        }

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
