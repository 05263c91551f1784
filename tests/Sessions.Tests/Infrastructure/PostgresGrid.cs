using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Sessions.Tests.Infrastructure;

/// <summary>
/// Grid clusters in cluster mode: grain state in PostgreSQL and Orleans' strongly consistent distributed grain
/// directory, as a PostgreSQL-membership silo runs them. Membership itself stays the test cluster's in-memory table:
/// InProcessTestCluster installs it (and its in-memory transport) after our configuration, so a PostgreSQL table
/// could only be forced in by editing its service collection. PostgreSQL membership is tested with real silos on
/// real sockets instead (PostgresMembershipTests).
/// </summary>
public static class PostgresGrid
{
    /// <summary>The collection of tests that run whole PostgreSQL clusters: one at a time, they share two cores.</summary>
    public const string Collection = "postgres-clusters";

    /// <summary>Starts <paramref name="silos"/> silos on the database. With <paramref name="timersOnClock"/> grain
    /// timers run on <paramref name="clock"/> (a new <see cref="TestClock"/> when null) too, so a test can fire them
    /// by advancing it; <paramref name="configure"/> adjusts the test cluster further.</summary>
    public static Task<GridCluster> StartAsync(
        string connectionString,
        short silos = 3,
        FakeTimeProvider? clock = null,
        bool timersOnClock = false,
        Action<InProcessTestClusterBuilder>? configure = null)
    {
        clock ??= TestClock.New();
        return GridCluster.StartAsync(settings: TestSettings.PostgreSQL(connectionString), silos: silos, clock: clock, configure: builder =>
        {
            // Experimental in Orleans 10 (ORLEANSEXP003); cluster mode uses it, so the tests do too.
#pragma warning disable ORLEANSEXP003
            builder.Options.UseDistributedGrainDirectory = true;
#pragma warning restore ORLEANSEXP003
            if (timersOnClock)
            {
                builder.ConfigureSilo((_, silo) => silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, clock));
            }

            configure?.Invoke(builder);
        });
    }

    /// <summary>The silo hosting <paramref name="user"/>'s activation, if it is active.</summary>
    public static SiloAddress? HostOf(GridCluster grid, TestUser user) =>
        grid.Cluster.TryGetGrainContext(user.Grain.GetGrainId(), out var context) ? context.Address.SiloAddress : null;

    /// <summary>Moves <paramref name="user"/>'s activation onto <paramref name="silo"/>.</summary>
    public static async Task MoveAsync(GridCluster grid, TestUser user, InProcessSiloHandle silo)
    {
        if (HostOf(grid, user) != silo.SiloAddress)
        {
            await grid.Cluster.MigrateAsync(user.Grain, silo.SiloAddress);
        }
    }
}

[CollectionDefinition(PostgresGrid.Collection)]
public sealed class PostgresClusters;
