using Orleans.Configuration;
using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Cluster;

/// <summary>T22 (short): silos join, leave and die while clients validate, sign in and sign out everywhere.</summary>
[Collection(PostgresGrid.Collection)]
public sealed class ElasticityTests(PostgresServer server)
{
    private const int Users = 16;
    private const int OperationsPerPhase = 1500;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddingStoppingAndKillingSilosUnderLoadLosesNoRevocation()
    {
        // A call caught by a dying silo fails after this instead of the default 30 s; it counts as failed, never as a success.
        await using var grid = await PostgresGrid.StartAsync(await server.CreateDatabaseAsync(), configure: builder =>
            builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5))));
        var history = new RevocationHistory();
        var users = await Task.WhenAll(Enumerable.Range(0, Users).Select(_ => TestUser.RegisterAsync(grid.Client)));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var clients = users.Select(u => Task.Run(() => ClientAsync(u, history, stop.Token), Cancellation)).ToList();

        await PhaseAsync(history);
        await grid.Cluster.StartAdditionalSiloAsync();
        await PhaseAsync(history);
        await grid.Cluster.StopSiloAsync(grid.Cluster.Silos[1], Cancellation);
        await PhaseAsync(history);
        await grid.Cluster.KillSiloAsync(grid.Cluster.Silos[^1], Cancellation);
        await grid.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        await PhaseAsync(history);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        var revoked = history.RevokedCredentials.ToList();
        var stillAccepted = 0;
        foreach (var (userId, credential) in revoked)
        {
            stillAccepted += (await grid.Client.GetGrain<IUserGrain>(userId).ValidateAsync(credential)).IsValid ? 1 : 0;
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"T22-short: {history.Count(ValidationOutcome.Valid)} accepted, {history.Count(ValidationOutcome.Denied)} denied, "
            + $"{history.Count(ValidationOutcome.Unavailable)} unavailable, {history.Count(null)} failed validations; "
            + $"{revoked.Count} credentials revoked by acknowledged sign-outs.");
        Assert.True(revoked.Count >= Users, $"Only {revoked.Count} credentials were revoked.");
        Assert.True(history.Count(ValidationOutcome.Valid) >= OperationsPerPhase, "Too few validations succeeded to say anything.");
        Assert.Equal(0, history.AcceptedAfterRevocation());
        Assert.Equal(0, history.Resurrected());
        Assert.Equal(0, stillAccepted);
    }

    /// <summary>Lets the clients run until they did another batch of operations (real time: the cluster's own pace).</summary>
    private static async Task PhaseAsync(RevocationHistory history)
    {
        var target = history.Operations + OperationsPerPhase;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (history.Operations < target)
        {
            Assert.True(DateTime.UtcNow < deadline, "The clients stalled.");
            await Task.Delay(10, Cancellation);
        }
    }

    /// <summary>
    /// One client of one user: validates what it holds and what it saw revoked, signs in now and then, and signs out
    /// everywhere every so often, retrying a sign-out whose outcome it did not learn until it is acknowledged.
    /// </summary>
    private static async Task ClientAsync(TestUser user, RevocationHistory history, CancellationToken stop)
    {
        var held = new List<string>();
        var revoked = new Queue<string>();
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            if (round % 4 == 0 && await TryAsync(() => user.SignInBrowserAsync()) is { } session)
            {
                held.Add(session.SessionToken!);
            }

            foreach (var credential in held.Concat(revoked))
            {
                var invokedAt = RevocationHistory.Now();
                var result = await TryAsync(() => user.Grain.ValidateAsync(credential).AsTask());
                history.Validated(credential, invokedAt, result?.Outcome);
            }

            if (round % 10 == 9)
            {
                while (await TryAsync(async () => (await user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false))!) is null)
                {
                    if (stop.IsCancellationRequested)
                    {
                        return;
                    }
                }

                history.Revoked(user.UserId, held);
                held.ForEach(revoked.Enqueue);
                held.Clear();
                while (revoked.Count > 6)
                {
                    revoked.Dequeue();
                }
            }
        }
    }

    /// <summary>The result, or null when the call failed (a silo left mid-call, storage refused): never a success.</summary>
    private static async Task<T?> TryAsync<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return null;
        }
    }
}
