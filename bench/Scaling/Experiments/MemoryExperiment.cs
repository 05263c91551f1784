using System.Runtime;
using Sessions.Bench.Scaling.Grid;
using Sessions.Bench.Scaling.Reporting;
using Sessions.Bench.Scaling.Seeding;

namespace Sessions.Bench.Scaling.Experiments;

/// <summary>
/// Memory per active user. <c>memory --users N --sessions K [--warm 1000]</c>, in a fresh process: seeds N + warm users
/// holding K sessions each (browser and app alternately), activates the warm-up users (JIT, Orleans' own tables
/// growing), takes the managed heap after a full compacting GC and the RSS, activates the N users the way requests
/// would (one validation each; with no session, one account read), and takes both again. Every token the activation
/// uses is allocated before the first reading.
/// </summary>
internal static class MemoryExperiment
{
    public static async Task RunAsync(ExperimentContext context)
    {
        var users = context.Arguments.Int("users", 10_000);
        var sessions = context.Arguments.Int("sessions", 1);
        var warm = context.Arguments.Int("warm", 1000);

        var storage = await context.CreateStorageAsync($"memory-{sessions}");
        await using var grid = await BenchGrid.StartAsync(storage, context.GridSettings());
        await using var rows = storage.OpenRows();
        var shape = new UserShape(Browser: (sessions + 1) / 2, App: sessions / 2, ApiTokens: 0);
        var (measured, warmUsers) = await SeedAsync(grid, rows, users, warm, shape);

        await ActivateAsync(grid, warmUsers);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var activationsBefore = await ActivationsAsync(grid);
        var (heapBefore, rssBefore) = Settle();

        var start = context.Load.Take();
        await ActivateAsync(grid, measured);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var activationsAfter = await ActivationsAsync(grid);
        var (heapAfter, rssAfter) = Settle();
        var other = Measuring.MachineLoad.Between(start, context.Load.Take()).OtherCores;

        GC.KeepAlive(measured);
        GC.KeepAlive(warmUsers);
        Progress.Line($"memory: {users:N0} users with {sessions} sessions: managed heap +{(heapAfter - heapBefore) / (double)users:F0} B per user, RSS +{(rssAfter - rssBefore) / (double)users:F0} B per user, activations {activationsBefore} -> {activationsAfter}");
        context.Results.Append("memory", new MemoryRecord(users, sessions, heapBefore, heapAfter, rssBefore, rssAfter, activationsBefore, activationsAfter, other));
    }

    private static async Task<(SeededUser[] Measured, SeededUser[] Warm)> SeedAsync(
        BenchGrid grid, IRowStore rows, int users, int warm, UserShape shape)
    {
        var seeded = await new Seeder(grid, rows).SeedAsync(users + warm, _ => shape, _ => true);
        return (Enumerable.Range(0, users).Select(i => seeded.Kept[i]).ToArray(),
            Enumerable.Range(users, warm).Select(i => seeded.Kept[i]).ToArray());
    }

    private static Task ActivateAsync(BenchGrid grid, IEnumerable<SeededUser> users) =>
        Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (user, _) =>
        {
            var active = user.AnyToken is { } token
                ? await grid.ValidateAsync(token)
                : await grid.User(user.Id).GetAccountAsync() is not null;
            if (!active)
            {
                throw new InvalidOperationException($"User {user.Index} did not activate from its seeded row.");
            }
        });

    private static async Task<int> ActivationsAsync(BenchGrid grid) =>
        await grid.Grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();

    /// <summary>The managed heap after full, blocking, compacting collections (large objects too), and the RSS.</summary>
    private static (long Heap, long Rss) Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return (GC.GetTotalMemory(forceFullCollection: false), ResidentBytes());
    }

    private static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
