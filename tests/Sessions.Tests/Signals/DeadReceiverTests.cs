using System.Globalization;
using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Signals;

/// <summary>
/// A receiver that refuses connections for hours (fake clock) costs bounded state and nothing else: its queue stops
/// at <c>Sessions:Signals:MaxQueuedPerReceiver</c> (the oldest dropped, counted), what waits longer than the retry
/// horizon expires (counted), and sign-ins, validations and sign-outs go on as before.
/// </summary>
public sealed class DeadReceiverTests
{
    private const int Bound = 40;

    [Fact]
    public async Task ADeadReceiverHoldsAtMostItsBoundThenExpiresWhileRevocationsAndValidationsGoOn()
    {
        await using var signals = await SignalGrid.StartAsync(receiverListens: false, settings: new Dictionary<string, string?>
        {
            ["Sessions:Signals:MaxQueuedPerReceiver"] = Bound.ToString(CultureInfo.InvariantCulture),
        });
        var produced = 0;

        for (var i = 0; i < 30; i++)
        {
            var user = await TestUser.RegisterAsync(signals.Grains);
            var live = await user.SignInBrowserAsync();
            var revoked = await user.SignInAppAsync();
            Assert.Equal(RevocationOutcome.Revoked, await user.Grain.EndSessionAsync(TestUser.Operator, revoked.SessionId));
            Assert.NotNull(await user.Grain.SignOutEverywhereAsync(Actor.Credential(live.SessionId), keepCurrent: true));
            produced += 2;
            Assert.True(await user.IsValidAsync(live.SessionToken!));
            Assert.False(await user.IsValidAsync(revoked.AccessToken!));
            signals.Advance(TimeSpan.FromMinutes(10));   // the hours pass while users keep signing out
        }

        var full = await WaitForStatusAsync(signals, s => s.Queued + s.Dropped == produced);
        Assert.True(full.Queued <= Bound, $"{full.Queued} queued, bound {Bound}");
        Assert.Equal(produced - full.Queued, full.Dropped);
        Assert.Equal(0, full.Delivered);
        Assert.Contains("connection refused", full.LastError, StringComparison.Ordinal);

        signals.Advance(TimeSpan.FromHours(25));
        var expired = await WaitForStatusAsync(signals, s => s.Queued == 0);
        Assert.Equal(full.Queued, expired.Expired);
        Assert.Null(expired.OldestAgeSeconds);
    }

    private static async Task<AdminReceiver> WaitForStatusAsync(SignalGrid signals, Func<AdminReceiver, bool> done)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var status = await signals.StatusAsync();
            if (done(status) || deadline.Elapsed > SignalReceiver.ArrivalLimit)
            {
                return status;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
