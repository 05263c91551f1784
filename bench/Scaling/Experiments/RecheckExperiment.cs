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
/// [--concurrency 1,16] [--batch 100] [--series 3] [--warmup 3] [--duration 10]</c>: seeds the users of each shape
/// straight into the table, then reads them in turn through the grid's own storage exactly as the recheck did (a full
/// read: the row, the payload deserialised, the ETag kept) and as it does now (<c>SELECT Version</c> only), in a closed
/// loop. On PostgreSQL, at the highest concurrency, also two reads it could make instead (<see cref="PostgresVersionQueries"/>):
/// the version query prepared, and one prepared query for <c>--batch</c> users. CPU per user checked is split between
/// this process and the store's server (PostgreSQL; SQLite runs inside this process). The grid's own recheck is off,
/// so nothing else reads meanwhile.
/// </summary>
internal static class RecheckExperiment
{
    public static async Task RunAsync(ExperimentContext context)
    {
        var arguments = context.Arguments;
        var users = arguments.Int("users", 10_000);
        var levels = arguments.Ints("concurrency", [1, 16]);
        var batch = arguments.Int("batch", 100);

        var storage = await context.CreateStorageAsync("recheck");
        await using var grid = await BenchGrid.StartAsync(storage, context.GridSettings(("Sessions:Storage:RecheckStoredVersion", "false")));
        await using var rows = storage.OpenRows();
        await SeedCheck.CompareWithGridRowsAsync(grid, rows);
        var gridStorage = grid.Services.GetRequiredKeyedService<IGrainStorage>(SessionGrid.StorageName);
        await using var alternatives = storage.Settings().FirstOrDefault(s => s.Key == "Sessions:Storage:ConnectionString").Value is { } postgres
            ? new PostgresVersionQueries(postgres, grid.ServiceId)
            : null;
        foreach (var credentials in arguments.Ints("credentials", [2, 20]))
        {
            var shape = UserShape.Mixed(credentials);
            var seeded = await new Seeder(grid, rows).SeedAsync(users, _ => shape, _ => true);
            var ids = seeded.Kept.Values.Select(u => grid.User(u.Id).GetGrainId()).ToArray();
            await CheckAgreementAsync(gridStorage, ids);
            Progress.Line($"recheck: {users:N0} users ({shape}, {seeded.PayloadBytesPerUser:F0} payload bytes each) seeded into {storage.Name}; both reads agree on their versions");
            var measure = new Measure(context, storage.Name, shape.ToString(), seeded.PayloadBytesPerUser, users);
            foreach (var concurrency in levels)
            {
                await measure.RunAsync("full", 1, concurrency, () => OneAtATime(ids, id => FullReadAsync(gridStorage, id)));
                await measure.RunAsync("version", 1, concurrency, () => OneAtATime(ids, id => gridStorage.ReadStoredVersionAsync<UserState>(UserState.StateName, id, CancellationToken.None)));
            }

            if (alternatives is not null)
            {
                var keys = ids.Select(id => StateRowKey.Of(UserState.StateName, id)).ToArray();
                var concurrency = levels.Max();
                await measure.RunAsync("version, prepared", 1, concurrency, () => OneAtATime(keys, alternatives.PreparedAsync));
                await measure.RunAsync($"version, prepared, {batch} users per query", batch, concurrency,
                    () => Batches(keys, batch, slice => alternatives.ManyAsync(UserState.StateName, slice)));
            }
        }
    }

    /// <summary>Reads of the users in turn: consecutive calls are for different users, spread over the key space.</summary>
    private static Func<int, ValueTask<bool>> OneAtATime<TKey>(TKey[] keys, Func<TKey, Task<string?>> read) =>
        OneAtATime(keys, async key => await read(key) is not null);

    private static Func<int, ValueTask<bool>> OneAtATime<TKey>(TKey[] keys, Func<TKey, Task<bool>> read)
    {
        var next = -1L;
        return async _ => await read(keys[(int)(Interlocked.Increment(ref next) % keys.Length)]);
    }

    /// <summary>Reads of <paramref name="size"/> users at a time, the users in turn.</summary>
    private static Func<int, ValueTask<bool>> Batches<TKey>(TKey[] keys, int size, Func<ArraySegment<TKey>, Task<bool>> read)
    {
        var batches = keys.Length / size;
        var next = -1L;
        return async _ => await read(new ArraySegment<TKey>(keys, (int)(Interlocked.Increment(ref next) % batches) * size, size));
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

    /// <summary>Measures one kind of read of one shape of user, series after series, and records it.</summary>
    private sealed class Measure(ExperimentContext context, string store, string shape, double payloadBytes, int users)
    {
        private readonly int _series = context.Arguments.Int("series", 3);
        private readonly TimeSpan _warmup = TimeSpan.FromSeconds(context.Arguments.Double("warmup", 3));
        private readonly TimeSpan _duration = TimeSpan.FromSeconds(context.Arguments.Double("duration", 10));

        public async Task RunAsync(string read, int usersPerQuery, int concurrency, Func<Func<int, ValueTask<bool>>> caller)
        {
            var record = new RecheckRecord(store, read, shape, payloadBytes, users, concurrency, usersPerQuery, []);
            for (var s = 1; s <= _series; s++)
            {
                var call = caller();
                var window = await context.Windows.MeasureAsync($"recheck {read} c={concurrency}, series {s}",
                    () => ClosedLoop.RunAsync(concurrency, TimeSpan.Zero, _duration, call),
                    prepare: () => ClosedLoop.RunAsync(concurrency, TimeSpan.Zero, _warmup, call));
                var measured = Measured(window, usersPerQuery);
                record.Series.Add(measured);
                Progress.Line($"recheck: {store} {read}, {shape}, c={concurrency}, series {s}: {measured.Rps * usersPerQuery:F0} users/s, p50 {measured.P50Us:F0} µs, p99 {measured.P99Us:F0} µs per query, {measured.ProcessUsPerRead:F1} µs process + {measured.StoreUsPerRead:F1} µs store CPU per user, {measured.Failures} failed, other {measured.OtherCores:F2} cores");
            }

            context.Results.Append("recheck", record);
        }

        private static RecheckWindow Measured(Windowed<LoadResult> window, int usersPerQuery)
        {
            var (result, usage) = (window.Result, window.Usage);
            var checkedUsers = Math.Max(1, result.Requests * usersPerQuery);
            double PerUser(double cores) => cores * usage.Seconds * 1e6 / checkedUsers;
            return new RecheckWindow(result.RequestsPerSecond, result.Latency.P50Us, result.Latency.P99Us, result.Requests, result.Failures,
                PerUser(usage.OurCores - usage.StoreCores), PerUser(usage.StoreCores), usage.OtherCores, window.Attempts);
        }
    }
}
