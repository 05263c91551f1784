using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Grains;

[Collection(SharedCluster.Name)]
public sealed class RefreshTests(ClusterFixture fixture)
{
    private GridCluster Grid => fixture.Grid;

    [Fact]
    public async Task RefreshRotatesBothTokensAndRetiresTheOldAccessToken()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var first = await user.SignInAppAsync();

        var second = (await user.Grain.RefreshAsync(first.RefreshToken!)).Session!;

        Assert.Equal(first.SessionId, second.SessionId);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.False(await user.IsValidAsync(first.AccessToken!));
        Assert.True(await user.IsValidAsync(second.AccessToken!));
        Assert.Equal(RefreshOutcome.Refreshed, (await user.Grain.RefreshAsync(second.RefreshToken!)).Outcome);
    }

    [Fact]
    public async Task ReplayingARotatedRefreshTokenAfterTheGraceWindowRevokesTheWholeSession()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var first = await user.SignInAppAsync();
        var second = (await user.Grain.RefreshAsync(first.RefreshToken!)).Session!;
        Grid.Clock.Advance(TimeSpan.FromSeconds(31));

        var replay = await user.Grain.RefreshAsync(first.RefreshToken!);

        Assert.Equal(RefreshOutcome.ReuseDetected, replay.Outcome);
        Assert.Equal(RefreshOutcome.Invalid, (await user.Grain.RefreshAsync(second.RefreshToken!)).Outcome);
        Assert.False(await user.IsValidAsync(second.AccessToken!));
        var trail = await user.Grain.GetAuditTrailAsync();
        Assert.Single(trail, e => e.Kind == AuditEventKind.RefreshReuseDetected);
    }

    [Fact]
    public async Task ReplayingAnOlderGenerationRevokesTheSessionEvenInsideTheGraceWindow()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var first = await user.SignInAppAsync();
        var second = (await user.Grain.RefreshAsync(first.RefreshToken!)).Session!;
        var third = (await user.Grain.RefreshAsync(second.RefreshToken!)).Session!;

        var replay = await user.Grain.RefreshAsync(first.RefreshToken!);

        Assert.Equal(RefreshOutcome.ReuseDetected, replay.Outcome);
        Assert.False(await user.IsValidAsync(third.AccessToken!));
    }

    [Fact]
    public async Task RetryInsideTheGraceWindowGetsTheSamePair()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var first = await user.SignInAppAsync();
        var second = (await user.Grain.RefreshAsync(first.RefreshToken!)).Session!;
        Grid.Clock.Advance(TimeSpan.FromSeconds(29));

        var retry = (await user.Grain.RefreshAsync(first.RefreshToken!)).Session!;

        Assert.Equal(second.RefreshToken, retry.RefreshToken);
        Assert.Equal(second.AccessToken, retry.AccessToken);
        Assert.Equal(second.AccessTokenExpiresAt, retry.AccessTokenExpiresAt);
        Assert.True(await user.IsValidAsync(retry.AccessToken!));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(50)]
    public async Task ConcurrentRefreshesWithOneTokenNeverYieldTwoDistinctRefreshTokens(int clients)
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var first = await user.SignInAppAsync();
        var results = await Repeat.ConcurrentlyAsync(clients, () => user.Grain.RefreshAsync(first.RefreshToken!));

        Assert.All(results, r => Assert.Equal(RefreshOutcome.Refreshed, r.Outcome));
        var successor = Assert.Single(results.Select(r => r.Session!.RefreshToken).Distinct());
        Assert.Equal(RefreshOutcome.Refreshed, (await user.Grain.RefreshAsync(successor!)).Outcome);
    }

    [Fact]
    public async Task AppSessionEndsAtThirtyDaysHoweverOftenRefreshed()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var session = await user.SignInAppAsync();
        var signedInAt = Grid.Clock.GetUtcNow();

        RefreshResult result;
        while ((result = await user.Grain.RefreshAsync(session.RefreshToken!)).Outcome == RefreshOutcome.Refreshed)
        {
            session = result.Session!;
            Grid.Clock.Advance(TimeSpan.FromHours(12));
        }

        Assert.Equal(RefreshOutcome.Invalid, result.Outcome);
        Assert.Equal(signedInAt + TimeSpan.FromDays(30), Grid.Clock.GetUtcNow());
        Assert.False(await user.IsValidAsync(session.AccessToken!));
    }

    [Fact]
    public async Task RefreshTokenUnusedForFourteenDaysStopsWorking()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var session = await user.SignInAppAsync();

        Grid.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));
        var result = await user.Grain.RefreshAsync(session.RefreshToken!);

        Assert.Equal(RefreshOutcome.Invalid, result.Outcome);
    }

    [Fact]
    public async Task TokensOfOneKindAreNeverAcceptedAsAnother()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var app = await user.SignInAppAsync();
        var browser = await user.SignInBrowserAsync();

        Assert.False(await user.IsValidAsync(app.RefreshToken!));
        Assert.Equal(RefreshOutcome.Invalid, (await user.Grain.RefreshAsync(app.AccessToken!)).Outcome);
        Assert.Equal(RefreshOutcome.Invalid, (await user.Grain.RefreshAsync(browser.SessionToken!)).Outcome);
        Assert.True(await user.IsValidAsync(app.AccessToken!));
    }
}
