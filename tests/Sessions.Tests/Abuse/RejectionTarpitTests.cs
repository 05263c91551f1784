using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Tests.Infrastructure;
using Sessions.Web.Abuse;

namespace Sessions.Tests.Abuse;

/// <summary>
/// The tarpit: a request the per-address limit refused is answered only after <c>Sessions:Abuse:RejectionDelay</c>
/// (on the grid clock, here a fake one), so a flooder's closed-loop connections send at most one request each per
/// delay; a bounded number are held at once, the rest answered at once; a client that leaves ends its wait.
/// </summary>
public sealed class RejectionTarpitTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARefusedSignInIsAnsweredOnlyAfterTheRejectionDelay()
    {
        await using var grid = new WebGrid(new Dictionary<string, string?> { ["Sessions:Abuse:SignInsPerMinutePerAddress"] = "1", ["Sessions:Abuse:SignInBurstPerAddress"] = "1" });
        var tarpit = grid.Services.GetRequiredService<RejectionTarpit>();
        using var client = grid.NewClient();
        var allowed = await client.PostAsJsonAsync("/auth/login", new { username = $"u{Guid.NewGuid():N}", password = TestUser.Password }, Cancel);

        var refused = client.PostAsJsonAsync("/auth/login", new { username = $"u{Guid.NewGuid():N}", password = TestUser.Password }, Cancel);
        await UntilHeldAsync(tarpit, 1);
        var answeredEarly = refused.IsCompleted;
        grid.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        Assert.False(answeredEarly);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await refused).StatusCode);
        Assert.Equal(0, tarpit.Held);
    }

    [Fact]
    public async Task BeyondItsCapacityTheTarpitAnswersAtOnce()
    {
        var clock = TestClock.New();
        var tarpit = new RejectionTarpit(clock, TimeSpan.FromSeconds(1), capacity: 2);

        var first = tarpit.HoldAsync(Cancel);
        var second = tarpit.HoldAsync(Cancel);
        var third = tarpit.HoldAsync(Cancel);

        Assert.True(third.IsCompletedSuccessfully);
        Assert.False(first.IsCompleted || second.IsCompleted);
        Assert.Equal(2, tarpit.Held);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(first, second);
        Assert.Equal(0, tarpit.Held);
    }

    [Fact]
    public async Task AClientThatGoesAwayEndsItsWaitAndFreesItsPlace()
    {
        var tarpit = new RejectionTarpit(TestClock.New(), TimeSpan.FromSeconds(1), capacity: 1);
        using var leaving = new CancellationTokenSource();

        var held = tarpit.HoldAsync(leaving.Token);
        await leaving.CancelAsync();
        await held;

        Assert.Equal(0, tarpit.Held);
        Assert.False(tarpit.HoldAsync(Cancel).IsCompleted);
    }

    [Fact]
    public void WithoutADelayNothingIsHeld()
    {
        var tarpit = new RejectionTarpit(TestClock.New(), TimeSpan.Zero, capacity: 1);

        Assert.True(tarpit.HoldAsync(Cancel).IsCompletedSuccessfully);
        Assert.Equal(0, tarpit.Held);
    }

    private static async Task UntilHeldAsync(RejectionTarpit tarpit, int count)
    {
        while (tarpit.Held < count)
        {
            Cancel.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}
