using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Signals;

/// <summary>
/// RFC 8935 answers decide what happens next: 5xx is retried with backoff until accepted, with the same <c>jti</c> every
/// time; 400 is final. Time is the fake clock: moving it past the longest retry delay wakes the recovery pass, which
/// lets every queue attempt what is due. The clock moves while the test waits, as time passes: a move made between a
/// push and its result would otherwise leave the retry due at a time the clock never reaches.
/// </summary>
public sealed class DeliveryRetryTests
{
    private static readonly TimeSpan PastAnyRetryDelay = TimeSpan.FromMinutes(6);

    /// <summary>How far the clock moves per look: past the first retry delays and, every other look, the recovery interval.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AReceiverAnswering503ThreeTimesGetsTheEventOnTheFourthAttemptWithTheSameJti()
    {
        await using var signals = await SignalGrid.StartAsync(responses: [503, 503, 503]);
        var user = await TestUser.RegisterAsync(signals.Grains);
        await user.SignInBrowserAsync();

        await user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false);

        var sets = await signals.Receiver.WaitForAsync(user.UserId, sets => sets.Length == 4, () => signals.Advance(Step));
        Assert.Equal([503, 503, 503, 202], sets.Select(s => s.Status));
        Assert.Single(sets.Select(s => s.Jti).Distinct());
        Assert.True(sets[^1].Delivered, sets[^1].ErrorDescription);
        var status = await signals.StatusAsync();
        Assert.Equal(1, status.Delivered);
        Assert.Equal(0, status.Queued);
        Assert.Equal("HTTP 503", status.LastError);
    }

    [Fact]
    public async Task AReceiverAnswering400IsNeverAskedAgainAndTheRefusalIsCounted()
    {
        await using var signals = await SignalGrid.StartAsync(alwaysStatus: 400);
        var user = await TestUser.RegisterAsync(signals.Grains);

        await user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false);
        await signals.Receiver.WaitForAsync(user.UserId, sets => sets.Length == 1);
        signals.Advance(PastAnyRetryDelay);
        signals.Advance(TimeSpan.FromHours(25));
        await user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false);   // a second event, behind the first in the queue

        var sets = await signals.Receiver.WaitForAsync(user.UserId, sets => sets.Length == 2);
        Assert.Equal(2, sets.Select(s => s.Jti).Distinct().Count());
        Assert.All(sets, set => Assert.Equal(400, set.Status));
        var status = await signals.StatusAsync();
        Assert.Equal(2, status.Failed);
        Assert.Equal(0, status.Delivered);
        Assert.Equal(0, status.Queued);
        Assert.Equal("HTTP 400 invalid_request", status.LastError);
    }

    [Fact]
    public async Task TheAuthorizationHeaderIsSentWithEveryPushAndNeverShown()
    {
        const string header = "Bearer receiver-secret-5c1e";
        await using var signals = await SignalGrid.StartAsync(settings: new Dictionary<string, string?>
        {
            [$"Sessions:Signals:Receivers:{SignalGrid.ReceiverName}:AuthorizationHeader"] = header,
        });
        var user = await TestUser.RegisterAsync(signals.Grains);

        await user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false);

        var set = Assert.Single(await signals.Receiver.WaitForAsync(user.UserId, sets => sets.Length == 1));
        Assert.Equal(header, set.Authorization);
        Assert.Equal("application/secevent+jwt", set.ContentType);
        Assert.DoesNotContain(signals.Grid.Logs.Lines, line => line.Contains("receiver-secret", StringComparison.Ordinal));
    }
}
