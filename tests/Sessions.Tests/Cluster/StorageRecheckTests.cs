using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Sessions.Grains.Hosting;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Cluster;

/// <summary>The user activation's scheduled re-read of its stored version: harmless while storage agrees, tolerant of
/// a passing read failure, and failing closed when storage stays unreadable for Sessions:StorageUnreadableLimit (by
/// default three intervals; docs/operations.md#the-storage-recheck-bound).</summary>
[Collection(PostgresGrid.Collection)]
public sealed class StorageRecheckTests(PostgresServer server)
{
    [Fact]
    public async Task AnActivationThatCannotReadStorageForThreeIntervalsStopsServing()
    {
        var interval = new SessionOptions().StorageRecheckInterval;
        await using var grid = await PostgresGrid.StartAsync(await server.CreateDatabaseAsync(), silos: 1, timersOnClock: true);
        var clock = grid.Clock;
        var user = await TestUser.RegisterAsync(grid.Client);
        var session = await user.SignInBrowserAsync();
        var activation = await ActivationAfterAsync(grid, user, clock, TimeSpan.Zero);

        var afterAgreeingRecheck = await ActivationAfterAsync(grid, user, clock, interval);
        grid.Faults.Arm(user.Grain.GetGrainId(), FaultPoint.BeforeRead, times: 3);
        var afterOneFailedRecheck = await ActivationAfterAsync(grid, user, clock, interval);
        var afterTwoFailedRechecks = await ActivationAfterAsync(grid, user, clock, interval);
        var afterThreeFailedRechecks = await ActivationAfterAsync(grid, user, clock, interval);

        Assert.Equal(activation, afterAgreeingRecheck);
        Assert.Equal(activation, afterOneFailedRecheck);
        Assert.Equal(activation, afterTwoFailedRechecks);
        Assert.NotEqual(activation, afterThreeFailedRechecks);
        Assert.True(await user.IsValidAsync(session.SessionToken!));
    }

    [Fact]
    public async Task AnActivationKeepsServingThroughUnreadableStorageForTheConfiguredLimitThenStops()
    {
        var interval = new SessionOptions().StorageRecheckInterval;
        var limit = new Dictionary<string, string?> { ["Sessions:StorageUnreadableLimit"] = (5 * interval).ToString() };
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var grid = await PostgresGrid.StartAsync(await server.CreateDatabaseAsync(), silos: 1, clock, timersOnClock: true,
            configure: builder => builder.ConfigureHost(host => host.Configuration.AddInMemoryCollection(limit)));
        var user = await TestUser.RegisterAsync(grid.Client);
        await user.SignInBrowserAsync();
        var activation = await ActivationAfterAsync(grid, user, clock, interval);
        grid.Faults.Arm(user.Grain.GetGrainId(), FaultPoint.BeforeRead, times: 5);

        var afterFourFailedRechecks = activation;
        for (var i = 0; i < 4; i++)
        {
            afterFourFailedRechecks = await ActivationAfterAsync(grid, user, clock, interval);
        }

        var afterFiveFailedRechecks = await ActivationAfterAsync(grid, user, clock, interval);

        Assert.Equal(activation, afterFourFailedRechecks);
        Assert.NotEqual(activation, afterFiveFailedRechecks);
    }

    /// <summary>Advances the grain clock, lets any recheck it fired finish (a [ReadOnly] call queues behind a timer
    /// turn), and names the activation that then serves the user.</summary>
    private static async Task<ActivationId> ActivationAfterAsync(GridCluster grid, TestUser user, FakeTimeProvider clock, TimeSpan advance)
    {
        clock.Advance(advance);
        await user.Grain.GetAuditTrailAsync();
        Assert.True(grid.Cluster.TryGetGrainContext(user.Grain.GetGrainId(), out var context));
        return context.ActivationId;
    }
}
