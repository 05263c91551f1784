using Sessions.Bench.Scaling.Grid;
using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Users;

namespace Sessions.Bench.Scaling.Seeding;

/// <summary>Proof that seeded rows are what the grid itself would have written.</summary>
internal static class SeedCheck
{
    /// <summary>
    /// Registers <paramref name="probes"/> users through the grid's own path (username grain, user grain, the ADO.NET
    /// provider), then requires every identity column of the rows the grid wrote to equal what <see cref="RowIdentity"/>
    /// computes, and their payloads to read back with the grid's serializer as the users registered.
    /// </summary>
    /// <exception cref="InvalidOperationException">A row differs: seeding would write rows the grid does not read.</exception>
    public static async Task<int> CompareWithGridRowsAsync(BenchGrid grid, IRowStore rows, int probes = 3)
    {
        var identity = new RowIdentity(grid.ServiceId, grid.HashPicker, grid.Grains);
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < probes; i++)
        {
            var username = $"probe-{run}-{i}";
            var registered = await grid.Grains.GetGrain<IUsernameGrain>(username).RegisterAsync(Seeder.Password);
            if (registered.Outcome != RegistrationOutcome.Registered || !GridIds.TryParse(registered.UserId, out var userId))
            {
                throw new InvalidOperationException($"Registering the probe user {username} failed: {registered.Outcome}.");
            }

            var expected = identity.ForUser(userId);
            var stored = await rows.FindAsync(expected.ServiceId, expected.StateName, expected.N0, expected.N1)
                ?? throw new InvalidOperationException($"The grid wrote no row where the seeder would put user {registered.UserId}.");
            if (stored.Key != expected)
            {
                throw new InvalidOperationException($"The grid keyed user {registered.UserId} as {stored.Key}; the seeder would write {expected}.");
            }

            var state = grid.StorageSerializer.Deserialize<UserState>(new BinaryData(stored.Payload));
            if (state?.Username != username || state.PasswordHash is null)
            {
                throw new InvalidOperationException($"The stored state of probe user {username} did not read back with the grid's serializer.");
            }
        }

        return probes;
    }

    /// <summary>Every token must validate through its user's grain (first use activates the grain from the seeded row).</summary>
    /// <exception cref="InvalidOperationException">One did not: the seeded rows are not what the grid reads.</exception>
    public static async Task<int> ValidateAsync(BenchGrid grid, IEnumerable<string> tokens)
    {
        var checkedTokens = 0;
        foreach (var token in tokens)
        {
            if (!await grid.ValidateAsync(token))
            {
                throw new InvalidOperationException($"A seeded token was refused by its grain ({checkedTokens} accepted before it).");
            }

            checkedTokens++;
        }

        return checkedTokens;
    }
}
