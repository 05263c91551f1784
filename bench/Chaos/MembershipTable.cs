using Npgsql;

namespace Sessions.Bench.Chaos;

/// <summary>Reads one silo's row of the Orleans membership table (README, "Running a cluster"): its status (3 active,
/// 6 dead; dotnet/orleans SiloStatus) and whether another silo has voted it suspect.</summary>
internal sealed class MembershipTable(string connectionString) : IAsyncDisposable
{
    public const int Dead = 6;

    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    /// <summary>The newest row for the silo on <paramref name="siloPort"/> (ports are unique within a run), or null.</summary>
    public async Task<(int Status, bool Suspected)?> ReadAsync(int siloPort)
    {
        await using var command = _source.CreateCommand(
            "SELECT Status, SuspectTimes FROM OrleansMembershipTable WHERE Port = $1 ORDER BY Generation DESC LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter { Value = siloPort });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt32(0), !reader.IsDBNull(1) && reader.GetString(1).Length > 0) : null;
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
