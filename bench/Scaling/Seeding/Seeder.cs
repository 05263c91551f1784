using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Bench.Scaling.Grid;
using Sessions.Grains.Accounts;

namespace Sessions.Bench.Scaling.Seeding;

/// <summary>
/// Seeds users straight into the grid's storage table, in key order: rows keyed as the ADO.NET provider keys them
/// (<see cref="RowIdentity"/>), payloads serialized by the grid's own storage serializer, version 1 as a first write
/// leaves it. Users are numbered; their ids are random, so any range of numbers is spread over the whole key space.
/// </summary>
internal sealed class Seeder(BenchGrid grid, IRowStore rows)
{
    /// <summary>The password every seeded user has (hashed once per run with the grid's configured hasher).</summary>
    public const string Password = "scaling benchmark password";

    private readonly RowIdentity _identity = new(grid.ServiceId, grid.HashPicker, grid.Grains);

    public async Task<SeedResult> SeedAsync(int count, Func<int, UserShape> shapeOf, Func<int, bool> keep)
    {
        var clock = Stopwatch.StartNew();
        var hash = await HashAsync(grid);
        var users = new SyntheticUsers(grid.Codec, grid.Options, hash, DateTimeOffset.UtcNow);
        var ids = new Guid[count];
        var order = new (long N0, long N1, int Index)[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = Guid.NewGuid();
            var bytes = ids[i].ToByteArray();
            order[i] = (BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8), i);
        }

        Array.Sort(order);
        var kept = new Dictionary<int, SeededUser>();
        long payloadBytes = 0;
        IEnumerable<StoredRow> Rows()
        {
            foreach (var (_, _, index) in order)
            {
                var (state, user) = users.Create(index, ids[index], shapeOf(index), keep(index));
                var payload = grid.StorageSerializer.Serialize(state).ToArray();
                payloadBytes += payload.Length;
                if (keep(index))
                {
                    kept[index] = user;
                }

                yield return new StoredRow(_identity.ForUser(ids[index]), payload);
            }
        }

        await rows.InsertAsync(Rows());
        await rows.SettleAsync();
        return new SeedResult(kept, count, payloadBytes, clock.Elapsed.TotalSeconds);
    }

    /// <summary><see cref="Password"/> hashed by the grid's hasher, through its hashing gate like every hash.</summary>
    public static async Task<string> HashAsync(BenchGrid grid) =>
        await grid.Services.GetRequiredService<PasswordHashing>().HashAsync(Password)
        ?? throw new InvalidOperationException("The grid's password-hashing gate was full.");
}

/// <summary>What a seeding left: the users whose tokens were kept (by number), and its size and time.</summary>
internal sealed record SeedResult(IReadOnlyDictionary<int, SeededUser> Kept, int Users, long PayloadBytes, double Seconds)
{
    public double PayloadBytesPerUser => Users == 0 ? 0 : (double)PayloadBytes / Users;
}
