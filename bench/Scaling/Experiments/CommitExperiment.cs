using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sessions.Bench.Scaling.Measuring;
using Sessions.Bench.Scaling.Reporting;

namespace Sessions.Bench.Scaling.Experiments;

/// <summary>
/// What one durable commit costs on this machine, for context. <c>commits [--commits 500]</c>: one-row inserts of a
/// 600-byte blob, each its own transaction, one at a time: into a SQLite file beside the grid's (write-ahead log, as the
/// grid sets it, with SQLite's default synchronous=FULL: an fsync per commit; then synchronous=NORMAL, which skips it),
/// and, with <c>--postgres</c>, into the PostgreSQL server the runs use (default durability).
/// </summary>
internal static class CommitExperiment
{
    public static async Task RunAsync(ExperimentContext context)
    {
        var commits = context.Arguments.Int("commits", 500);
        var directory = Path.Combine(context.DataDirectory, $"commits-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "commits.db");
        foreach (var synchronous in new[] { "FULL", "NORMAL" })
        {
            var window = await context.Windows.MeasureAsync($"SQLite commits ({synchronous})", () => SqliteAsync(file, synchronous, commits));
            Record(context, "SQLite", $"WAL, synchronous={synchronous}", window);
        }

        if (context.PostgresAdmin is { } admin)
        {
            var window = await context.Windows.MeasureAsync("PostgreSQL commits", () => PostgresAsync(admin, commits));
            Record(context, "PostgreSQL", "default durability (fsync on, synchronous_commit on)", window);
        }
    }

    private static void Record(ExperimentContext context, string storage, string mode, Windowed<LatencySummary> window)
    {
        Progress.Line($"commits: {storage} {mode}: p50 {window.Result.P50Us:F0} µs, p99 {window.Result.P99Us:F0} µs");
        context.Results.Append("commit", new CommitRecord(storage, mode, window.Result, window.Usage.OtherCores));
    }

    private static async Task<LatencySummary> SqliteAsync(string file, string synchronous, int commits)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, payload BLOB);");
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO t (payload) VALUES ($payload)";
        insert.Parameters.AddWithValue("$payload", new byte[600]);
        insert.Prepare();
        return await TimeAsync(commits, () => insert.ExecuteNonQueryAsync());
    }

    private static async Task<LatencySummary> PostgresAsync(string admin, int commits)
    {
        await using var source = NpgsqlDataSource.Create(admin);
        await using (var create = source.CreateCommand("CREATE TABLE IF NOT EXISTS scaling_commits (id bigserial PRIMARY KEY, payload bytea)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var connection = await source.OpenConnectionAsync();
        await using var insert = new NpgsqlCommand("INSERT INTO scaling_commits (payload) VALUES ($1)", connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = new byte[600] });
        await insert.PrepareAsync();
        return await TimeAsync(commits, () => insert.ExecuteNonQueryAsync());
    }

    private static async Task<LatencySummary> TimeAsync(int commits, Func<Task<int>> commit)
    {
        for (var i = 0; i < 20; i++)
        {
            await commit();
        }

        var times = new List<long>(commits);
        for (var i = 0; i < commits; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await commit();
            times.Add(Stopwatch.GetTimestamp() - started);
        }

        return LatencySummary.Of(times);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
