using System.Diagnostics;
using System.Globalization;
using Sessions.Bench.Scaling.Grid;
using Sessions.Bench.Scaling.Measuring;
using Sessions.Bench.Scaling.Reporting;
using Sessions.Bench.Scaling.Seeding;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Users;

namespace Sessions.Bench.Scaling.Experiments;

/// <summary>
/// Sign-out-everywhere by credentials held. <c>signout [--credentials 1,10,100,1000] [--users 200] [--warm 20]</c>: for
/// each size, seeds users holding that many credentials (half sessions, half API tokens; the per-user limits raised to
/// fit), and for each user in turn: activates it (one validation, not timed), times one write of its whole state (an
/// audit entry: <c>RecordAdminActionAsync</c>), times <c>SignOutEverywhereAsync</c> (as an operator, whose audit entry
/// rides in the same write), and checks that every credential was counted and the token it validated with is refused
/// afterwards. One user at a time: latency, not throughput.
/// </summary>
internal static class SignOutExperiment
{
    /// <summary>The benchmark signs users out as an operator would (an audit entry in the same write).</summary>
    private static readonly Actor Operator = Actor.Operator("scaling benchmark");

    public static async Task RunAsync(ExperimentContext context)
    {
        var sizes = context.Arguments.Ints("credentials", [1, 10, 100, 1000]);
        var users = context.Arguments.Int("users", 200);
        var warm = context.Arguments.Int("warm", 20);
        var limit = sizes.Max().ToString(CultureInfo.InvariantCulture);

        var storage = await context.CreateStorageAsync("signout");
        await using var grid = await BenchGrid.StartAsync(storage, context.GridSettings(
            ("Sessions:MaxSessionsPerUser", limit), ("Sessions:MaxApiTokensPerUser", limit)));
        await using var rows = storage.OpenRows();
        await SeedCheck.CompareWithGridRowsAsync(grid, rows);
        var seeder = new Seeder(grid, rows);
        var hash = await Seeder.HashAsync(grid);

        foreach (var credentials in sizes)
        {
            var shape = UserShape.Mixed(credentials);
            var (stateBytes, serializeUs) = Serialization(grid, shape, hash);
            var batch = new List<SeededUser>();
            var warmed = false;
            var window = await context.Windows.MeasureAsync($"sign-out, {credentials} credentials", () => MeasureAsync(grid, batch, credentials), prepare: async () =>
            {
                var seeded = await seeder.SeedAsync(users + (warmed ? 0 : warm), _ => shape, _ => true);
                batch = seeded.Kept.Values.OrderBy(u => u.Index).ToList();
                if (!warmed)
                {
                    await MeasureAsync(grid, batch.Take(warm).ToList(), credentials);
                    batch = batch.Skip(warm).ToList();
                    warmed = true;
                }
            });
            var (fullWrite, signOut, failures) = window.Result;
            Progress.Line($"signout: {storage.Name}, {credentials} credentials ({stateBytes:N0} B state): full write p50 {fullWrite.P50Us:F0} µs p99 {fullWrite.P99Us:F0} µs; sign-out p50 {signOut.P50Us:F0} µs p99 {signOut.P99Us:F0} µs; {failures} failures");
            context.Results.Append("signout", new SignOutRecord(storage.Name, credentials, shape.ToString(), signOut.Count, stateBytes, serializeUs,
                fullWrite, signOut, failures, window.Usage.OtherCores, window.Attempts));
        }
    }

    private static async Task<(LatencySummary FullWrite, LatencySummary SignOut, int Failures)> MeasureAsync(
        BenchGrid grid, List<SeededUser> batch, int credentials)
    {
        var fullWrites = new List<long>();
        var signOuts = new List<long>();
        var failures = 0;
        foreach (var user in batch)
        {
            var grain = grid.User(user.Id);
            var token = user.AnyToken!;
            failures += await grid.ValidateAsync(token) ? 0 : 1;

            var started = Stopwatch.GetTimestamp();
            await grain.RecordAdminActionAsync("scaling benchmark: one write of the whole state");
            fullWrites.Add(Stopwatch.GetTimestamp() - started);

            started = Stopwatch.GetTimestamp();
            var result = await grain.SignOutEverywhereAsync(Operator, keepCurrent: false);
            signOuts.Add(Stopwatch.GetTimestamp() - started);

            failures += result is not null && result.RevokedSessions + result.RevokedTokens == credentials ? 0 : 1;
            failures += await grid.ValidateAsync(token) ? 1 : 0;
        }

        return (LatencySummary.Of(fullWrites), LatencySummary.Of(signOuts), failures);
    }

    /// <summary>The stored size of a user of this shape, and the median time the grid's serializer takes to write it.</summary>
    private static (int Bytes, double Micros) Serialization(BenchGrid grid, UserShape shape, string hash)
    {
        var users = new SyntheticUsers(grid.Codec, grid.Options, hash, DateTimeOffset.UtcNow);
        var (state, _) = users.Create(0, Guid.NewGuid(), shape, keepTokens: false);
        var bytes = grid.StorageSerializer.Serialize<UserState>(state).ToArray().Length;
        var times = new List<long>();
        for (var i = 0; i < 51; i++)
        {
            var started = Stopwatch.GetTimestamp();
            _ = grid.StorageSerializer.Serialize<UserState>(state);
            times.Add(Stopwatch.GetTimestamp() - started);
        }

        return (bytes, LatencySummary.Of(times).P50Us);
    }
}
