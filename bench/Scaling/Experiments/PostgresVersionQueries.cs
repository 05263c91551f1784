using Npgsql;
using Sessions.Grains.Storage;

namespace Sessions.Bench.Scaling.Experiments;

/// <summary>
/// Version reads the recheck could make instead, measured beside the one it makes, on a pool of their own on the same
/// PostgreSQL: the same query prepared (once per physical connection: Npgsql keeps prepared statements across pooled
/// opens), and one prepared query for many users, what a recheck batched per silo would send.
/// </summary>
internal sealed class PostgresVersionQueries(string connectionString, string serviceId) : IAsyncDisposable
{
    private const string One = """
        SELECT Version FROM OrleansStorage
        WHERE ServiceId = $1 AND GrainTypeString = $2 AND GrainIdN0 = $3 AND GrainIdN1 = $4 AND GrainIdExtensionString = $5
        """;

    private const string Many = """
        SELECT s.Version
        FROM unnest($3::bigint[], $4::bigint[]) AS k(n0, n1)
        JOIN OrleansStorage s ON s.GrainIdN0 = k.n0 AND s.GrainIdN1 = k.n1
        WHERE s.ServiceId = $1 AND s.GrainTypeString = $2 AND s.GrainIdExtensionString = ''
        """;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    /// <summary>The version of one row, with the statement prepared.</summary>
    public async Task<bool> PreparedAsync(StateRowKey key)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(One, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = key.GrainTypeString });
        command.Parameters.Add(new NpgsqlParameter { Value = key.N0 });
        command.Parameters.Add(new NpgsqlParameter { Value = key.N1 });
        command.Parameters.Add(new NpgsqlParameter { Value = key.Extension });
        await command.PrepareAsync();
        return await command.ExecuteScalarAsync() is int;
    }

    /// <summary>The versions of GUID-keyed rows of one state name in one prepared query.</summary>
    /// <returns>Whether every row was found.</returns>
    public async Task<bool> ManyAsync(string stateName, ArraySegment<StateRowKey> keys)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(Many, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.N0).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.N1).ToArray() });
        await command.PrepareAsync();
        var found = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found++;
        }

        return found == keys.Count;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
