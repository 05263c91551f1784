using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Sessions.Bench.Scaling.Seeding;

/// <summary>The grid's SQLite table, written directly: one prepared insert, large transactions.</summary>
internal sealed class SqliteRowStore(string path) : IRowStore
{
    private const int RowsPerTransaction = 20_000;

    private static readonly string[] Parameters =
        ["$service", "$type", "$n0", "$n1", "$extension", "$typeHash", "$idHash", "$payload", "$version", "$modifiedOn"];

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Pooling = false,
        DefaultTimeout = 60,
    }.ToString();

    public async Task InsertAsync(IEnumerable<StoredRow> rows)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        var modifiedOn = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        using var batch = rows.Chunk(RowsPerTransaction).GetEnumerator();
        while (batch.MoveNext())
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO OrleansStorage (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString,
                                            GrainTypeHash, GrainIdHash, PayloadBinary, Version, ModifiedOn)
                VALUES ($service, $type, $n0, $n1, $extension, $typeHash, $idHash, $payload, $version, $modifiedOn)
                """;
            var parameters = Parameters.Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name }))
                .ToArray();
            insert.Prepare();
            foreach (var row in batch.Current)
            {
                var key = row.Key;
                object[] values = [key.ServiceId, key.StateName, key.N0, key.N1, key.Extension, key.TypeHash, key.IdHash, row.Payload, row.Version, modifiedOn];
                for (var i = 0; i < values.Length; i++)
                {
                    parameters[i].Value = values[i];
                }

                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
    }

    public async Task<StoredRow?> FindAsync(string serviceId, string stateName, long n0, long n1)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var find = connection.CreateCommand();
        find.CommandText = """
            SELECT ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString, GrainTypeHash, GrainIdHash,
                   PayloadBinary, Version
            FROM OrleansStorage
            WHERE ServiceId = $service AND GrainTypeString = $type AND GrainIdN0 = $n0 AND GrainIdN1 = $n1
            """;
        find.Parameters.AddWithValue("$service", serviceId);
        find.Parameters.AddWithValue("$type", stateName);
        find.Parameters.AddWithValue("$n0", n0);
        find.Parameters.AddWithValue("$n1", n1);
        await using var reader = await find.ExecuteReaderAsync();
        return await StoredRow.ReadAsync(reader);
    }

    public async Task SettleAsync()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await checkpoint.ExecuteNonQueryAsync();
    }

    public Task<long> SizeBytesAsync() => Task.FromResult(
        new[] { path, path + "-wal" }.Where(File.Exists).Sum(file => new FileInfo(file).Length));

    public bool CanEvictFromPageCache => true;

    public void EvictFromPageCache()
    {
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            PageCache.Evict(file);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
