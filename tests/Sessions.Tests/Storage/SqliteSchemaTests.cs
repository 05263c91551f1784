using Microsoft.Data.Sqlite;
using Sessions.Grains.Storage;

namespace Sessions.Tests.Storage;

/// <summary>Our SQLite schema against the ADO.NET persistence query contract (docs/architecture.md#storage).</summary>
public sealed class SqliteSchemaTests : PersistenceQueryContractTests, IAsyncLifetime
{
    private readonly string _connectionString =
        $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("sessions-schema-").FullName, "schema.db")};Pooling=False";

    public async ValueTask InitializeAsync() => await SqliteSchema.ApplyAsync(_connectionString, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ApplyingTheSchemaAgainIsHarmlessAndKeepsData()
    {
        Assert.Equal(1, await WriteAsync("alice", version: null));

        await SqliteSchema.ApplyAsync(_connectionString, TestContext.Current.CancellationToken);
        await SqliteSchema.ApplyAsync(_connectionString, TestContext.Current.CancellationToken);

        Assert.Equal(1L, await ScalarAsync("SELECT Version FROM OrleansStorage"));
        Assert.Equal(3L, await ScalarAsync("SELECT COUNT(*) FROM OrleansQuery"));
        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode"));
    }

    protected override async Task<int?> WriteAsync(string key, int? version, byte[]? payload = null)
    {
        await using var command = await CommandAsync("WriteToStorageKey", key, version, payload ?? [42]);
        var result = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return result is long value ? (int)value : null;
    }

    protected override async Task<(byte[]? Payload, int Version)> ReadAsync(string key)
    {
        await using var command = await CommandAsync("ReadFromStorageKey", key, null, null);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        return (reader.IsDBNull(0) ? null : (byte[])reader[0], reader.GetInt32(1));
    }

    protected override async Task<int?> ClearAsync(string key, int version)
    {
        await using var command = await CommandAsync("ClearStorageKey", key, version, null);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) is long value ? (int)value : null;
    }

    protected override async Task<long> RowCountAsync() => (long)(await ScalarAsync("SELECT COUNT(*) FROM OrleansStorage"))!;

    private async Task<SqliteCommand> CommandAsync(string queryKey, string key, int? version, byte[]? payload)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var command = connection.CreateCommand();
        command.CommandText = (string)(await ScalarAsync($"SELECT QueryText FROM OrleansQuery WHERE QueryKey = '{queryKey}'"))!;
        command.Disposed += (_, _) => connection.Dispose();
        foreach (var (name, value) in GrainIdentity(key))
        {
            command.Parameters.AddWithValue("@" + name, value);
        }

        command.Parameters.AddWithValue("@GrainStateVersion", version is null ? DBNull.Value : version);
        command.Parameters.AddWithValue("@PayloadBinary", payload is null ? DBNull.Value : payload);
        return command;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
