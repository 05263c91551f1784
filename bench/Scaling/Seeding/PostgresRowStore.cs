using Npgsql;
using NpgsqlTypes;

namespace Sessions.Bench.Scaling.Seeding;

/// <summary>The grid's PostgreSQL table, written directly with binary COPY.</summary>
internal sealed class PostgresRowStore(string connectionString) : IRowStore
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public async Task InsertAsync(IEnumerable<StoredRow> rows)
    {
        await using var connection = await _source.OpenConnectionAsync();
        var modifiedOn = DateTime.UtcNow;
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY OrleansStorage (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString,
                                 GrainTypeHash, GrainIdHash, PayloadBinary, Version, ModifiedOn) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var row in rows)
            {
                var key = row.Key;
                await copy.StartRowAsync();
                await copy.WriteAsync(key.ServiceId, NpgsqlDbType.Varchar);
                await copy.WriteAsync(key.StateName, NpgsqlDbType.Varchar);
                await copy.WriteAsync(key.N0, NpgsqlDbType.Bigint);
                await copy.WriteAsync(key.N1, NpgsqlDbType.Bigint);
                await copy.WriteAsync(key.Extension, NpgsqlDbType.Varchar);
                await copy.WriteAsync(key.TypeHash, NpgsqlDbType.Integer);
                await copy.WriteAsync(key.IdHash, NpgsqlDbType.Integer);
                await copy.WriteAsync(row.Payload, NpgsqlDbType.Bytea);
                await copy.WriteAsync(row.Version, NpgsqlDbType.Integer);
                await copy.WriteAsync(modifiedOn, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }
    }

    public async Task<StoredRow?> FindAsync(string serviceId, string stateName, long n0, long n1)
    {
        await using var find = _source.CreateCommand("""
            SELECT ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString, GrainTypeHash, GrainIdHash,
                   PayloadBinary, Version
            FROM OrleansStorage
            WHERE ServiceId = $1 AND GrainTypeString = $2 AND GrainIdN0 = $3 AND GrainIdN1 = $4
            """);
        find.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        find.Parameters.Add(new NpgsqlParameter { Value = stateName });
        find.Parameters.Add(new NpgsqlParameter { Value = n0 });
        find.Parameters.Add(new NpgsqlParameter { Value = n1 });
        await using var reader = await find.ExecuteReaderAsync();
        return await StoredRow.ReadAsync(reader);
    }

    public async Task SettleAsync()
    {
        await using var analyze = _source.CreateCommand("ANALYZE OrleansStorage");
        await analyze.ExecuteNonQueryAsync();
    }

    public async Task<long> SizeBytesAsync()
    {
        await using var size = _source.CreateCommand("SELECT pg_total_relation_size('orleansstorage')");
        return (long)(await size.ExecuteScalarAsync())!;
    }

    public bool CanEvictFromPageCache => false;

    public void EvictFromPageCache() => throw new NotSupportedException("PostgreSQL's files belong to its server.");

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
