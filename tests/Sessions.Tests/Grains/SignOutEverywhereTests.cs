using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Grains;

[Collection(SharedCluster.Name)]
public sealed class SignOutEverywhereTests(ClusterFixture fixture)
{
    private GridCluster Grid => fixture.Grid;

    [Fact]
    public async Task RevokesEveryBrowserAppAndApiCredentialOfTheUserAndNothingOfOtherUsers()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var control = await TestUser.RegisterAsync(Grid.Client);
        var browsers = await Repeat.SequentiallyAsync(10, _ => user.SignInBrowserAsync());
        var apps = await Repeat.SequentiallyAsync(10, _ => user.SignInAppAsync());
        var apiTokens = await Repeat.SequentiallyAsync(5, i => user.CreateApiTokenAsync(browsers[0].SessionId, $"job {i}"));
        var controlBrowser = await control.SignInBrowserAsync();
        var controlApp = await control.SignInAppAsync();
        var controlToken = await control.CreateApiTokenAsync(controlBrowser.SessionId);

        var result = (await user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false))!;

        Assert.Equal(20, result.RevokedSessions);
        Assert.Equal(5, result.RevokedTokens);
        foreach (var token in browsers.Select(s => s.SessionToken!).Concat(apps.Select(s => s.AccessToken!)).Concat(apiTokens.Select(t => t.Token!)))
        {
            Assert.False(await user.IsValidAsync(token));
        }

        foreach (var app in apps)
        {
            Assert.Equal(RefreshOutcome.Invalid, (await user.Grain.RefreshAsync(app.RefreshToken!)).Outcome);
        }

        Assert.True(await control.IsValidAsync(controlBrowser.SessionToken!));
        Assert.True(await control.IsValidAsync(controlApp.AccessToken!));
        Assert.True(await control.IsValidAsync(controlToken.Token!));
        Assert.Equal(RefreshOutcome.Refreshed, (await control.Grain.RefreshAsync(controlApp.RefreshToken!)).Outcome);
    }

    [Fact]
    public async Task KeepCurrentLeavesOnlyTheCallersSessionWorking()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var current = await user.SignInBrowserAsync();
        var others = await Repeat.SequentiallyAsync(5, _ => user.SignInBrowserAsync());
        var app = await user.SignInAppAsync();
        var apiToken = await user.CreateApiTokenAsync(current.SessionId);

        var result = (await user.Grain.SignOutEverywhereAsync(Actor.Credential(current.SessionId), keepCurrent: true))!;

        Assert.Equal(6, result.RevokedSessions);
        Assert.Equal(1, result.RevokedTokens);
        Assert.True(await user.IsValidAsync(current.SessionToken!));
        Assert.All(await Task.WhenAll(others.Select(s => user.IsValidAsync(s.SessionToken!))), Assert.False);
        Assert.False(await user.IsValidAsync(app.AccessToken!));
        Assert.False(await user.IsValidAsync(apiToken.Token!));
        var sessions = (await user.Grain.ListSessionsAsync(Actor.Credential(current.SessionId)))!;
        Assert.Equal(current.SessionId, Assert.Single(sessions).Id);
    }

    [Fact]
    public async Task KeepCurrentCanKeepTheCallingApiToken()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        var caller = await user.CreateApiTokenAsync(browser.SessionId, "caller", scopes: ApiTokenScopes.Sessions);
        var other = await user.CreateApiTokenAsync(browser.SessionId, "other");

        var result = (await user.Grain.SignOutEverywhereAsync(Actor.Credential(caller.Id!), keepCurrent: true))!;

        Assert.Equal((1, 1), (result.RevokedSessions, result.RevokedTokens));
        Assert.True(await user.IsValidAsync(caller.Token!));
        Assert.False(await user.IsValidAsync(other.Token!));
        Assert.False(await user.IsValidAsync(browser.SessionToken!));
    }

    [Fact]
    public async Task KeptAppSessionCanStillRefresh()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var app = await user.SignInAppAsync();
        await user.SignInAppAsync();

        await user.Grain.SignOutEverywhereAsync(Actor.Credential(app.SessionId), keepCurrent: true);

        var refreshed = await user.Grain.RefreshAsync(app.RefreshToken!);
        Assert.Equal(RefreshOutcome.Refreshed, refreshed.Outcome);
        Assert.True(await user.IsValidAsync(refreshed.Session!.AccessToken!));
    }

    [Fact]
    public async Task RevokingOneSessionLeavesTheOthersWorking()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var sessions = await Repeat.SequentiallyAsync(5, _ => user.SignInBrowserAsync());

        var ended = await user.Grain.EndSessionAsync(Actor.Credential(sessions[0].SessionId), sessions[1].SessionId) == RevocationOutcome.Revoked;

        Assert.True(ended);
        Assert.False(await user.IsValidAsync(sessions[1].SessionToken!));
        foreach (var session in sessions.Where((_, i) => i != 1))
        {
            Assert.True(await user.IsValidAsync(session.SessionToken!));
        }
    }

    [Fact]
    public async Task SigningOutEverywhereTwiceIsHarmless()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        await user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false);

        var second = (await user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false))!;
        var endedAgain = await user.Grain.EndSessionAsync(TestUser.Operator, browser.SessionId) == RevocationOutcome.Revoked;

        Assert.Equal((0, 0), (second.RevokedSessions, second.RevokedTokens));
        Assert.False(endedAgain);
        Assert.False(await user.IsValidAsync(browser.SessionToken!));
        var fresh = await user.SignInBrowserAsync();
        Assert.True(await user.IsValidAsync(fresh.SessionToken!));
    }

    [Fact]
    public async Task AdvancesNotBeforeToTheMomentOfRevocation()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        await user.SignInBrowserAsync();
        var before = Grid.Clock.GetUtcNow();

        var result = (await user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false))!;

        Assert.Equal(before, result.NotBefore);
        var trail = await user.Grain.GetAuditTrailAsync();
        Assert.Equal(AuditEventKind.SignedOutEverywhere, trail[^1].Kind);
    }

    [Fact]
    public async Task RevokingATokenByItselfEndsItsSessionOrApiToken()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var app = await user.SignInAppAsync();
        var browser = await user.SignInBrowserAsync();
        var apiToken = await user.CreateApiTokenAsync(browser.SessionId);
        var other = await TestUser.RegisterAsync(Grid.Client);
        var othersSession = await other.SignInBrowserAsync();

        await user.Grain.RevokeTokenAsync(app.RefreshToken!);
        await user.Grain.RevokeTokenAsync(apiToken.Token!);
        await user.Grain.RevokeTokenAsync(othersSession.SessionToken!);

        Assert.False(await user.IsValidAsync(app.AccessToken!));
        Assert.False(await user.IsValidAsync(apiToken.Token!));
        Assert.True(await user.IsValidAsync(browser.SessionToken!));
        Assert.True(await other.IsValidAsync(othersSession.SessionToken!));
    }
}
