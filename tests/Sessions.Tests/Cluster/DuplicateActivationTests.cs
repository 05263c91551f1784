using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Hosting;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Cluster;

/// <summary>
/// T21: two activations of one user — two clusters with the same service id on one database, which is what a
/// blue/green deployment looks like, and what no grain directory can prevent. Sign-out-everywhere through one must
/// stop the other accepting the revoked credentials within the documented bound,
/// <see cref="SessionOptions.StorageRecheckInterval"/> (plus one storage read).
/// </summary>
[Collection(PostgresGrid.Collection)]
public sealed class DuplicateActivationTests(PostgresServer server)
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task AStaleDuplicateStopsAcceptingRevokedCredentialsWithinTheRecheckInterval()
    {
        var bound = new SessionOptions().StorageRecheckInterval;
        var database = await server.CreateDatabaseAsync();
        var clock = TestClock.New();
        await using var blue = await PostgresGrid.StartAsync(database, silos: 1, clock, timersOnClock: true);
        await using var green = await PostgresGrid.StartAsync(database, silos: 1, clock, timersOnClock: true);
        var user = await TestUser.RegisterAsync(blue.Client);
        var browser = await user.SignInBrowserAsync();
        var app = await user.SignInAppAsync();
        var apiToken = await user.CreateApiTokenAsync(browser.SessionId);
        string[] credentials = [browser.SessionToken!, app.AccessToken!, apiToken.Token!];
        var duplicate = green.Client.GetGrain<IUserGrain>(user.UserId);
        Assert.True(await AcceptsAnyAsync(duplicate, credentials));

        await user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false);
        var acknowledgedAt = clock.GetUtcNow();
        var (staleness, detection) = await MeasureStalenessAsync(duplicate, credentials, clock, acknowledgedAt, until: 2 * bound);

        Assert.False(await AcceptsAnyAsync(user.Grain, credentials));
        Assert.NotNull(staleness);
        Assert.InRange(staleness.Value, TimeSpan.Zero, bound);
        Assert.InRange(detection, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.False(await AcceptsAnyAsync(green.Client.GetGrain<IUserGrain>(user.UserId), credentials));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"T21: last acceptance by the stale duplicate {staleness.Value.TotalMilliseconds} ms (grain clock, {Step.TotalMilliseconds} ms steps) "
            + $"after the acknowledgement; bound {bound.TotalMilliseconds} ms; the recheck that ended it took {detection.TotalMilliseconds:F0} ms of real time.");
    }

    /// <summary>
    /// Advances the grain clock in steps and asks the duplicate after each. A [ReadOnly] call first queues behind any
    /// recheck the step fired (it does not interleave with a timer turn), so every answer reflects the rechecks due by then.
    /// </summary>
    private static async Task<(TimeSpan? Staleness, TimeSpan Detection)> MeasureStalenessAsync(
        IUserGrain duplicate, string[] credentials, FakeTimeProvider clock, DateTimeOffset acknowledgedAt, TimeSpan until)
    {
        TimeSpan? lastAccepted = null;
        var detection = TimeSpan.Zero;
        while (clock.GetUtcNow() - acknowledgedAt <= until)
        {
            var barrier = Stopwatch.StartNew();
            await duplicate.GetAuditTrailAsync();
            barrier.Stop();
            if (await AcceptsAnyAsync(duplicate, credentials))
            {
                lastAccepted = clock.GetUtcNow() - acknowledgedAt;
            }
            else if (detection == TimeSpan.Zero)
            {
                detection = barrier.Elapsed;
            }

            clock.Advance(Step);
        }

        return (lastAccepted, detection);
    }

    private static async Task<bool> AcceptsAnyAsync(IUserGrain grain, string[] credentials)
    {
        foreach (var credential in credentials)
        {
            if ((await grain.ValidateAsync(credential)).IsValid)
            {
                return true;
            }
        }

        return false;
    }
}
