using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Cluster;

/// <summary>Three silos on PostgreSQL: any silo serves any user, and losing the silo that hosted users loses nothing
/// they were told was done (T17, T18).</summary>
[Collection(PostgresGrid.Collection)]
public sealed class SiloLossTests(PostgresServer server)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SessionsCreatedThroughOneSiloValidateThroughTheOthers()
    {
        await using var grid = await PostgresGrid.StartAsync(await server.CreateDatabaseAsync());
        var user = await TestUser.RegisterAsync(GrainsOf(grid, grid.Cluster.Silos[0]));
        string[] credentials = [(await user.SignInBrowserAsync()).SessionToken!, (await user.SignInAppAsync()).AccessToken!];
        var host = grid.Cluster.Silos.Single(s => s.SiloAddress == PostgresGrid.HostOf(grid, user));
        var others = grid.Cluster.Silos.Where(s => s != host).ToList();

        var routed = await AcceptedThroughAsync(grid, others, user, credentials);
        await grid.Cluster.StopSiloAsync(host, Cancellation);
        var reloaded = await AcceptedThroughAsync(grid, others, user, credentials);

        Assert.Equal(others.Count * credentials.Length, routed);
        Assert.Equal(others.Count * credentials.Length, reloaded);
        Assert.Contains(PostgresGrid.HostOf(grid, user), others.Select(s => s.SiloAddress));
    }

    [Fact]
    public async Task NoCredentialOfTwoHundredUsersWorksAfterTheirSiloDiesRightAfterSignOutEverywhere()
    {
        await using var grid = await PostgresGrid.StartAsync(await server.CreateDatabaseAsync());
        var victim = grid.Cluster.Silos[^1];
        var users = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => SignedInUserAsync(grid)));
        foreach (var (user, _, _, _) in users)
        {
            await PostgresGrid.MoveAsync(grid, user, victim);
        }

        Assert.All(users, u => Assert.Equal(victim.SiloAddress, PostgresGrid.HostOf(grid, u.User)));

        await Task.WhenAll(users.Select(u => u.User.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false)));
        await grid.Cluster.KillSiloAsync(victim, Cancellation);
        await grid.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        var accepted = 0;
        foreach (var (user, browser, app, apiToken) in users)
        {
            accepted += (await user.IsValidAsync(browser.SessionToken!) ? 1 : 0)
                + (await user.IsValidAsync(app.AccessToken!) ? 1 : 0)
                + (await user.IsValidAsync(apiToken.Token!) ? 1 : 0)
                + ((await user.Grain.RefreshAsync(app.RefreshToken!)).Outcome == RefreshOutcome.Refreshed ? 1 : 0);
        }

        Assert.Equal(0, accepted);
        Assert.All(users, u => Assert.NotEqual(victim.SiloAddress, PostgresGrid.HostOf(grid, u.User)));
    }

    [Fact]
    public async Task RefreshTokenReuseIsDetectedAfterTheSiloThatRotatedItDies()
    {
        await using var grid = await PostgresGrid.StartAsync(await server.CreateDatabaseAsync());
        var victim = grid.Cluster.Silos[^1];
        var user = await TestUser.RegisterAsync(grid.Client);
        var first = await user.SignInAppAsync();
        await PostgresGrid.MoveAsync(grid, user, victim);
        var second = (await user.Grain.RefreshAsync(first.RefreshToken!)).Session!;

        await grid.Cluster.KillSiloAsync(victim, Cancellation);
        await grid.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        grid.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(RefreshOutcome.ReuseDetected, (await user.Grain.RefreshAsync(first.RefreshToken!)).Outcome);
        Assert.False(await user.IsValidAsync(second.AccessToken!));
        Assert.Equal(RefreshOutcome.Invalid, (await user.Grain.RefreshAsync(second.RefreshToken!)).Outcome);
        Assert.NotEqual(victim.SiloAddress, PostgresGrid.HostOf(grid, user));
    }

    /// <summary>How many of the credentials validate when asked through each of <paramref name="silos"/>.</summary>
    private static async Task<int> AcceptedThroughAsync(
        GridCluster grid, IEnumerable<Orleans.TestingHost.InProcessSiloHandle> silos, TestUser user, string[] credentials)
    {
        var accepted = 0;
        foreach (var silo in silos)
        {
            var grain = GrainsOf(grid, silo).GetGrain<IUserGrain>(user.UserId);
            foreach (var credential in credentials)
            {
                accepted += (await grain.ValidateAsync(credential)).IsValid ? 1 : 0;
            }
        }

        return accepted;
    }

    private static IGrainFactory GrainsOf(GridCluster grid, Orleans.TestingHost.InProcessSiloHandle silo) =>
        (IGrainFactory)grid.Cluster.GetSiloServiceProvider(silo.SiloAddress).GetService(typeof(IGrainFactory))!;

    private static async Task<(TestUser User, IssuedSession Browser, IssuedSession App, ApiTokenResult ApiToken)> SignedInUserAsync(GridCluster grid)
    {
        var user = await TestUser.RegisterAsync(grid.Client);
        var browser = await user.SignInBrowserAsync();
        return (user, browser, await user.SignInAppAsync(), await user.CreateApiTokenAsync(browser.SessionId));
    }
}
