using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Sessions.Bench.Scaling.Grid;
using Sessions.Bench.Scaling.Measuring;
using Sessions.Bench.Scaling.Reporting;
using Sessions.Bench.Scaling.Seeding;
using Sessions.Grains.Hosting;
using Sessions.Grains.Storage;
using Sessions.Grains.Users;

namespace Sessions.Bench.Scaling.Experiments;

/// <summary>
/// What the storage recheck costs per read (docs/operations.md#the-storage-recheck-bound): every active user re-reads
/// its stored version every Sessions:StorageRecheckInterval. <c>recheck [--users 10000] [--credentials 2,20]
/// [--concurrency 1,16] [--series 3] [--warmup 3] [--duration 10]</c>: seeds the users of each shape straight into the
/// table, then reads them in turn through the grid's own storage exactly as the recheck did (a full read: the row,
/// the payload deserialised, the ETag kept) and as it does now (<c>SELECT Version</c> only), in a closed loop. CPU per
/// read is split between this process and the store's server (PostgreSQL; SQLite runs inside this process). The
/// grid's own recheck is off, so nothing else reads meanwhile.
/// </summary>
internal static class RecheckExperiment
{
    public static async Task RunAsync(ExperimentContext context)
    {
        var arguments = context.Arguments;
        var users = arguments.Int("users", 10_000);
        var levels = arguments.Ints("concurrency", [1, 16]);
        var series = arguments.Int("series", 3);
        var warmup = TimeSpan.FromSeconds(arguments.Double("warmup", 3));
        var duration = TimeSpan.FromSeconds(arguments.Double("duration", 10));

        var storage = await context.CreateStorageAsync("recheck");
        await using var grid = await BenchGrid.StartAsync(storage, context.GridSettings(("Sessions:Storage:RecheckStoredVersion", "false")));
        await using var rows = storage.OpenRows();
        await SeedCheck.CompareWithGridRowsAsync(grid, rows);
        var gridStorage = grid.Services.GetRequiredKeyedService<IGrainStorage>(SessionGrid.StorageName);
        foreach (var credentials in arguments.Ints("credentials", [2, 20]))
        {
            var shape = UserShape.Mixed(credentials);
            var seeded = await new Seeder(grid, rows).SeedAsync(users, _ => shape, _ => true);
            var ids = seeded.Kept.Values.Select(u => grid.User(u.Id).GetGrainId()).ToArray();
            await CheckAgreementAsync(gridStorage, ids);
            Progress.Line($"recheck: {users:N0} users ({shape}, {seeded.PayloadBytesPerUser:F0} payload bytes each) seeded into {storage.Name}; both reads agree on their versions");
            foreach (var read in new[] { "full", "version" })
            {
                foreach (var concurrency in levels)
                {
                    var record = new RecheckRecord(storage.Name, read, shape.ToString(), seeded.PayloadBytesPerUser, users, concurrency, []);
                    for (var s = 1; s <= series; s++)
                    {
                        var call = Caller(gridStorage, ids, versionOnly: read == "version");
                        var window = await context.Windows.MeasureAsync($"recheck {read} c={concurrency}, series {s}",
                            () => ClosedLoop.RunAsync(concurrency, TimeSpan.Zero, duration, call),
                            prepare: () => ClosedLoop.RunAsync(concurrency, TimeSpan.Zero, warmup, call));
                        var measured = Measured(window);
                        record.Series.Add(measured);
                        Progress.Line($"recheck: {storage.Name} {read} read, {credentials} credentials, c={concurrency}, series {s}: {measured.Rps:F0}/s, p50 {measured.P50Us:F0} µs, p99 {measured.P99Us:F0} µs, {measured.ProcessUsPerRead:F1} µs process + {measured.StoreUsPerRead:F1} µs store CPU per read, {measured.Failures} failed, other {measured.OtherCores:F2} cores");
                    }

                    context.Results.Append("recheck", record);
                }
            }
        }
    }

    /// <summary>Reads of the users in turn: consecutive calls are for different users, spread over the key space.</summary>
    private static Func<int, ValueTask<bool>> Caller(IGrainStorage storage, GrainId[] ids, bool versionOnly)
    {
        var next = -1L;
        return async _ =>
        {
            var id = ids[(int)(Interlocked.Increment(ref next) % ids.Length)];
            var version = versionOnly
                ? await storage.ReadStoredVersionAsync<UserState>(UserState.StateName, id, CancellationToken.None)
                : await FullReadAsync(storage, id);
            return version is not null;
        };
    }

    /// <summary>What the recheck did before it had a version-only query.</summary>
    private static async Task<string?> FullReadAsync(IGrainStorage storage, GrainId id)
    {
        var stored = new GrainState<UserState>();
        await storage.ReadStateAsync(UserState.StateName, id, stored);
        return stored.ETag;
    }

    /// <summary>Both reads give the same version for a sample of the users, or the comparison means nothing.</summary>
    private static async Task CheckAgreementAsync(IGrainStorage storage, GrainId[] ids)
    {
        foreach (var id in ids.Take(100))
        {
            var version = await storage.ReadStoredVersionAsync<UserState>(UserState.StateName, id, CancellationToken.None);
            var full = await FullReadAsync(storage, id);
            if (version is null || version != full)
            {
                throw new InvalidOperationException($"The version-only read gave {version ?? "no version"} where a full read gave {full ?? "none"}.");
            }
        }
    }

    private static RecheckWindow Measured(Windowed<LoadResult> window)
    {
        var (result, usage) = (window.Result, window.Usage);
        var reads = Math.Max(1, result.Requests);
        double PerRead(double cores) => cores * usage.Seconds * 1e6 / reads;
        return new RecheckWindow(result.RequestsPerSecond, result.Latency.P50Us, result.Latency.P99Us, result.Requests, result.Failures,
            PerRead(usage.OurCores - usage.StoreCores), PerRead(usage.StoreCores), usage.OtherCores, window.Attempts);
    }
}
