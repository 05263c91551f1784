using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Grains;

/// <summary>A cluster with small limits and strict refresh-token reuse detection (no grace window).</summary>
public sealed class TightPolicyFixture() : ClusterFixture(() => GridCluster.StartAsync(silos: 1, settings: new Dictionary<string, string?>
{
    ["Sessions:MaxSessionsPerUser"] = "3",
    ["Sessions:MaxApiTokensPerUser"] = "2",
    ["Sessions:AuditTrailLength"] = "5",
    ["Sessions:RefreshReuseGracePeriod"] = "00:00:00",
}));

public sealed class PolicyLimitTests(TightPolicyFixture fixture) : IClassFixture<TightPolicyFixture>
{
    private GridCluster Grid => fixture.Grid;

    [Fact]
    public async Task SignInBeyondTheSessionLimitEndsTheLeastRecentlyUsedSession()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var first = await user.SignInBrowserAsync();
        Grid.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await user.SignInBrowserAsync();
        Grid.Clock.Advance(TimeSpan.FromSeconds(1));
        var third = await user.SignInBrowserAsync();
        Grid.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await user.IsValidAsync(first.SessionToken!));

        var fourth = await user.SignInBrowserAsync();

        Assert.False(await user.IsValidAsync(second.SessionToken!));
        Assert.True(await user.IsValidAsync(first.SessionToken!));
        Assert.True(await user.IsValidAsync(third.SessionToken!));
        Assert.True(await user.IsValidAsync(fourth.SessionToken!));
    }

    [Fact]
    public async Task ApiTokensBeyondTheLimitAreRefusedNotEvicted()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        var tokens = await Repeat.SequentiallyAsync(2, i => user.CreateApiTokenAsync(browser.SessionId, $"job {i}"));

        var third = await user.Grain.CreateApiTokenAsync(browser.SessionId, "one too many", null, ApiTokenRules.DefaultScopes);

        Assert.Equal(ApiTokenOutcome.LimitReached, third.Outcome);
        Assert.All(await Task.WhenAll(tokens.Select(t => user.IsValidAsync(t.Token!))), Assert.True);
    }

    [Fact]
    public async Task TheAuditTrailKeepsOnlyTheNewestEvents()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        for (var i = 0; i < 4; i++)
        {
            await user.SignInBrowserAsync();
        }

        await user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false);

        var trail = await user.Grain.GetAuditTrailAsync();
        Assert.Equal(5, trail.Length);
        Assert.Equal(AuditEventKind.SignedOutEverywhere, trail[^1].Kind);
        Assert.DoesNotContain(trail, e => e.Kind == AuditEventKind.Registered);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(50)]
    public async Task WithoutAGraceWindowConcurrentRefreshesLetOneWinAndRevokeTheSession(int clients)
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var first = await user.SignInAppAsync();
        var results = await Repeat.ConcurrentlyAsync(clients, () => user.Grain.RefreshAsync(first.RefreshToken!));

        var winner = Assert.Single(results, r => r.Outcome == RefreshOutcome.Refreshed);
        Assert.Contains(results, r => r.Outcome == RefreshOutcome.ReuseDetected);
        Assert.Equal(RefreshOutcome.Invalid, (await user.Grain.RefreshAsync(winner.Session!.RefreshToken!)).Outcome);
        Assert.False(await user.IsValidAsync(winner.Session!.AccessToken!));
    }
}
