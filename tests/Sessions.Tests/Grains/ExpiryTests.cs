using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Grains;

[Collection(SharedCluster.Name)]
public sealed class ExpiryTests(ClusterFixture fixture)
{
    private GridCluster Grid => fixture.Grid;

    [Fact]
    public async Task BrowserSessionStopsWorkingAfterThirtyIdleMinutes()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var session = await user.SignInBrowserAsync();

        Grid.Clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        var justBefore = await user.IsValidAsync(session.SessionToken!);
        Grid.Clock.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));
        var after = await user.IsValidAsync(session.SessionToken!);

        Assert.True(justBefore);
        Assert.False(after);
    }

    [Fact]
    public async Task BrowserSessionEndsAtTwelveHoursHoweverActive()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var session = await user.SignInBrowserAsync();
        var signedInAt = Grid.Clock.GetUtcNow();

        var lastSuccess = signedInAt;
        while (await user.IsValidAsync(session.SessionToken!))
        {
            lastSuccess = Grid.Clock.GetUtcNow();
            Grid.Clock.Advance(TimeSpan.FromMinutes(15));
        }

        Assert.Equal(signedInAt + TimeSpan.FromHours(11.75), lastSuccess);
        Assert.Equal(signedInAt + TimeSpan.FromHours(12), Grid.Clock.GetUtcNow());
        Assert.Empty((await user.Grain.ListSessionsAsync(TestUser.Operator))!);
    }

    [Fact]
    public async Task ActivityKeepsABrowserSessionAlivePastTheIdleTimeout()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var session = await user.SignInBrowserAsync();

        for (var i = 0; i < 4; i++)
        {
            Grid.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.True(await user.IsValidAsync(session.SessionToken!));
        }
    }

    [Fact]
    public async Task ReactivationIsNotActivity()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var session = await user.SignInBrowserAsync();
        Grid.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True(await user.IsValidAsync(session.SessionToken!));
        var lastUse = Grid.Clock.GetUtcNow();

        await Grid.Cluster.DeactivateAsync(user.Grain);
        Grid.Clock.Advance(TimeSpan.FromMinutes(20));
        var listed = Assert.Single((await user.Grain.ListSessionsAsync(TestUser.Operator))!);
        Grid.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        Assert.Equal(lastUse, listed.LastSeenAt);
        Assert.False(await user.IsValidAsync(session.SessionToken!));
    }

    [Fact]
    public async Task AccessTokenStopsWorkingAfterFifteenMinutesButRefreshStillWorks()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var app = await user.SignInAppAsync();

        Grid.Clock.Advance(TimeSpan.FromMinutes(15));
        var expired = await user.IsValidAsync(app.AccessToken!);
        var refreshed = await user.Grain.RefreshAsync(app.RefreshToken!);

        Assert.False(expired);
        Assert.Equal(RefreshOutcome.Refreshed, refreshed.Outcome);
        Assert.True(await user.IsValidAsync(refreshed.Session!.AccessToken!));
    }

    [Fact]
    public async Task ApiTokenStopsWorkingAtItsExpiry()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        var token = await user.CreateApiTokenAsync(browser.SessionId, lifetime: TimeSpan.FromDays(2));

        Grid.Clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromSeconds(1));
        var before = await user.IsValidAsync(token.Token!);
        Grid.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await user.IsValidAsync(token.Token!);

        Assert.True(before);
        Assert.False(after);
    }

    [Fact]
    public async Task ApiTokenDefaultsToNinetyDays()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();

        var token = await user.CreateApiTokenAsync(browser.SessionId);

        Assert.Equal(Grid.Clock.GetUtcNow() + TimeSpan.FromDays(90), token.ExpiresAt);
    }

    [Fact]
    public async Task ExpiredSessionsDisappearFromTheList()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var old = await user.SignInBrowserAsync();
        Grid.Clock.Advance(TimeSpan.FromHours(1));

        var fresh = await user.SignInBrowserAsync();

        var listed = (await user.Grain.ListSessionsAsync(Actor.Credential(fresh.SessionId)))!;
        Assert.Equal(fresh.SessionId, Assert.Single(listed).Id);
        Assert.True(listed[0].Current);
        Assert.False(await user.IsValidAsync(old.SessionToken!));
    }
}
