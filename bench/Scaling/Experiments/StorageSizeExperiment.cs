using Sessions.Bench.Scaling.Grid;
using Sessions.Bench.Scaling.Measuring;
using Sessions.Bench.Scaling.Reporting;
using Sessions.Bench.Scaling.Seeding;

namespace Sessions.Bench.Scaling.Experiments;

/// <summary>
/// Users in storage. <c>storage --users N [--hot 1000,10000] [--cold 2000] [--hot-files DIR]</c>: seeds N users (one
/// browser and one app session each) straight into the table, proves the rows are real (identity columns equal to rows
/// the grid wrote; a sample of seeded tokens validates through the grains), measures cold validations (first request
/// of users whose grain is not active, one at a time; on SQLite also with the file dropped from the page cache), and
/// writes the access tokens of each hot set (the first H users) to <c>DIR/hot-H.txt</c> as request headers for
/// bench/wrk/random-session.lua: bench/scaling then measures the hot sets through the real front end, with wrk.
/// </summary>
internal static class StorageSizeExperiment
{
    private const int Verify = 100;
    private const int Warm = 200;

    public static async Task RunAsync(ExperimentContext context)
    {
        var arguments = context.Arguments;
        var users = arguments.Int("users", 1000);
        var hotSets = arguments.Ints("hot", [1000, 10_000]).Where(h => h <= users).ToArray();
        var coldPerWindow = arguments.Int("cold", 2000);

        // Users are numbered; ids are random, so each range below is spread over the whole key space. The hot set is the
        // first users; verification, warm-up and cold users come from the end (cold ones may overlap the hot set when
        // there are few users: cold is measured before the hot set is activated).
        var attempts = context.Windows.Policy.Retries + 1;
        var spare = users - Verify - Warm;
        var coldPool = Math.Min(coldPerWindow * attempts, spare * 2 / 3);
        var evictedPool = Math.Min(coldPerWindow / 2 * attempts, spare - coldPool);
        var verifyFrom = users - Verify;
        var warmFrom = verifyFrom - Warm;
        var coldFrom = warmFrom - coldPool;
        var evictedFrom = coldFrom - evictedPool;
        var maxHot = hotSets.DefaultIfEmpty(0).Max();

        var storage = await context.CreateStorageAsync($"storage-{users}");
        await using var grid = await BenchGrid.StartAsync(storage, context.GridSettings());
        await using var rows = storage.OpenRows();
        var probes = await SeedCheck.CompareWithGridRowsAsync(grid, rows);
        Progress.Line($"storage: {probes} users registered through the grid have exactly the row identity the seeder computes");

        var shape = new UserShape(Browser: 1, App: 1, ApiTokens: 0);
        Progress.Line($"storage: seeding {users:N0} users ({shape}) into {storage.Name}");
        var seeded = await new Seeder(grid, rows).SeedAsync(users, _ => shape, i => i < maxHot || i >= evictedFrom);
        var storeBytes = await rows.SizeBytesAsync();
        Progress.Line($"storage: seeded in {seeded.Seconds:F1} s ({seeded.PayloadBytesPerUser:F0} payload bytes per user, store {storeBytes / 1048576.0:F0} MiB)");

        var sample = Range(seeded, verifyFrom, users).SelectMany(u => new[] { u.BrowserToken!, u.AccessToken! });
        var validated = await SeedCheck.ValidateAsync(grid, sample);
        await SeedCheck.ValidateAsync(grid, Range(seeded, warmFrom, verifyFrom).Select(u => u.AccessToken!));
        Progress.Line($"storage: {validated} seeded tokens validated through their grains; {Warm} more users activated to warm up");
        context.Results.Append("seed", new SeedRecord(storage.Name, users, shape.ToString(), seeded.Seconds, seeded.PayloadBytesPerUser, storeBytes, probes, validated));

        await MeasureColdAsync(context, grid, rows, storage.Name, users, "OS page cache warm", new Queue<SeededUser>(Range(seeded, coldFrom, warmFrom)), coldPerWindow, evict: false);
        if (evictedPool > 0 && rows.CanEvictFromPageCache)
        {
            await MeasureColdAsync(context, grid, rows, storage.Name, users, "file dropped from the OS page cache", new Queue<SeededUser>(Range(seeded, evictedFrom, coldFrom)), coldPerWindow / 2, evict: true);
        }

        if (arguments.Text("hot-files") is { } directory)
        {
            Directory.CreateDirectory(directory);
            foreach (var hot in hotSets)
            {
                await File.WriteAllLinesAsync(Path.Combine(directory, $"hot-{hot}.txt"),
                    Range(seeded, 0, hot).Select(u => $"Authorization: Bearer {u.AccessToken}"));
            }
        }
    }

    private static async Task MeasureColdAsync(
        ExperimentContext context, BenchGrid grid, IRowStore rows, string storage, int users, string cache,
        Queue<SeededUser> pool, int perWindow, bool evict)
    {
        // Every attempt needs users whose grains were never active; a retry is possible only while the pool lasts.
        var window = await context.Windows.MeasureAsync($"cold ({cache})", async () =>
        {
            var batch = Enumerable.Range(0, Math.Min(perWindow, pool.Count)).Select(_ => pool.Dequeue()).ToList();
            return await Sequential.RunAsync(batch, async u => await grid.ValidateAsync(u.AccessToken!));
        }, prepare: evict ? () =>
        {
            rows.EvictFromPageCache();
            return Task.CompletedTask;
        }
        : null, canRetry: () => pool.Count >= perWindow / 2);
        var (latency, failures) = window.Result;
        Progress.Line($"storage: cold, {cache}: {latency.Count} users, p50 {latency.P50Us:F0} µs, p99 {latency.P99Us:F0} µs, max {latency.MaxUs:F0} µs");
        context.Results.Append("cold", new ColdRecord(storage, users, cache, latency, failures, window.Usage.OtherCores, window.Attempts));
    }

    private static IEnumerable<SeededUser> Range(SeedResult seeded, int from, int to) =>
        Enumerable.Range(from, Math.Max(0, to - from)).Select(i => seeded.Kept[i]);
}
