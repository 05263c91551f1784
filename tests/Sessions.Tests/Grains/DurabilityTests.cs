using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Grains;

/// <summary>Acknowledged changes survive deactivation, a silo crash and a restart of the whole cluster on the same file.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task RevocationAndSessionsSurviveARestartOnTheSameDatabase()
    {
        string databasePath;
        TestUser revoked, kept;
        IssuedSession revokedBrowser, revokedApp, keptBrowser, keptApp;
        ApiTokenResult revokedToken;
        await using (var before = await GridCluster.StartAsync(silos: 1))
        {
            databasePath = before.DatabasePath;
            revoked = await TestUser.RegisterAsync(before.Client);
            kept = await TestUser.RegisterAsync(before.Client);
            revokedBrowser = await revoked.SignInBrowserAsync();
            revokedApp = await revoked.SignInAppAsync();
            revokedToken = await revoked.CreateApiTokenAsync(revokedBrowser.SessionId);
            keptBrowser = await kept.SignInBrowserAsync();
            keptApp = await kept.SignInAppAsync();
            await revoked.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false);
        }

        await using var after = await GridCluster.StartAsync(databasePath, silos: 1);
        var revokedAfter = after.Client.GetGrain<IUserGrain>(revoked.UserId);
        var keptAfter = after.Client.GetGrain<IUserGrain>(kept.UserId);

        Assert.False((await revokedAfter.ValidateAsync(revokedBrowser.SessionToken!)).IsValid);
        Assert.False((await revokedAfter.ValidateAsync(revokedApp.AccessToken!)).IsValid);
        Assert.False((await revokedAfter.ValidateAsync(revokedToken.Token!)).IsValid);
        Assert.Equal(RefreshOutcome.Invalid, (await revokedAfter.RefreshAsync(revokedApp.RefreshToken!)).Outcome);
        Assert.True((await keptAfter.ValidateAsync(keptBrowser.SessionToken!)).IsValid);
        Assert.True((await keptAfter.ValidateAsync(keptApp.AccessToken!)).IsValid);
        Assert.Equal(RefreshOutcome.Refreshed, (await keptAfter.RefreshAsync(keptApp.RefreshToken!)).Outcome);
    }

    [Fact]
    public async Task RefreshReuseDetectionSurvivesARestart()
    {
        var before = await GridCluster.StartAsync(silos: 1);
        var user = await TestUser.RegisterAsync(before.Client);
        var first = await user.SignInAppAsync();
        var second = (await user.Grain.RefreshAsync(first.RefreshToken!)).Session!;
        var clock = before.Clock;
        await before.DisposeAsync();

        clock.Advance(TimeSpan.FromMinutes(1));
        await using var after = await GridCluster.StartAsync(before.DatabasePath, silos: 1, clock: clock);
        var grain = after.Client.GetGrain<IUserGrain>(user.UserId);

        Assert.Equal(RefreshOutcome.ReuseDetected, (await grain.RefreshAsync(first.RefreshToken!)).Outcome);
        Assert.False((await grain.ValidateAsync(second.AccessToken!)).IsValid);
    }

    [Fact]
    public async Task AcknowledgedRevocationsSurviveKillingTheSiloThatHostedThem()
    {
        await using var grid = await GridCluster.StartAsync(silos: 3);
        var users = await Repeat.SequentiallyAsync(20, _ => TestUser.RegisterAsync(grid.Client));
        var sessions = await Task.WhenAll(users.Select(async u => (User: u, Browser: await u.SignInBrowserAsync(), App: await u.SignInAppAsync())));

        var victim = grid.Cluster.Silos[^1];
        foreach (var user in users.Take(10).Where(u => HostOf(grid, u) != victim.SiloAddress))
        {
            await grid.Cluster.MigrateAsync(user.Grain, victim.SiloAddress);
        }

        await Task.WhenAll(users.Select(u => u.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false)));
        Assert.True(users.Count(u => HostOf(grid, u) == victim.SiloAddress) >= 10);
        await grid.Cluster.KillSiloAsync(victim, TestContext.Current.CancellationToken);
        await grid.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        foreach (var (user, browser, app) in sessions)
        {
            Assert.False(await user.IsValidAsync(browser.SessionToken!));
            Assert.False(await user.IsValidAsync(app.AccessToken!));
            Assert.Equal(RefreshOutcome.Invalid, (await user.Grain.RefreshAsync(app.RefreshToken!)).Outcome);
        }
    }

    private static SiloAddress? HostOf(GridCluster grid, TestUser user) =>
        grid.Cluster.TryGetGrainContext(user.Grain.GetGrainId(), out var context) ? context.Address.SiloAddress : null;
}
