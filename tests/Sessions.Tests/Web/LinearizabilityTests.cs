using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Web;

/// <summary>
/// T2 (docs/threat-model.md): many clients validate in a loop while sign-out-everywhere runs; every request is recorded with
/// its start and end on one monotonic clock. No request that started after the sign-out was acknowledged may succeed.
/// </summary>
[Collection(SharedWeb.Name)]
public sealed class LinearizabilityTests(WebGridFixture fixture)
{
    private const int RequestsToObserveAfterAck = 500;

    private WebGrid Grid => fixture.Grid;

    [Fact]
    public async Task NoValidationThatStartsAfterSignOutEverywhereReturnedSucceeds()
    {
        var username = await Grid.RegisterAsync();
        var clients = new List<HttpClient>();
        for (var i = 0; i < 8; i++)
        {
            clients.Add(await Grid.SignInBrowserAsync(username));
            clients.Add(Grid.Bearer((await Grid.SignInAppAsync(username)).AccessToken));
        }

        clients.Add(Grid.Bearer((await clients[0].CreateApiTokenAsync()).Token));
        using var admin = Grid.Bearer((await Grid.SignInAppAsync(username)).AccessToken);
        var history = new ConcurrentQueue<(long Start, long End, HttpStatusCode Status)>();
        var acknowledged = long.MaxValue;
        var observedAfterAck = 0;
        var enoughObserved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var warmedUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var load = clients.SelectMany(client => Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!enoughObserved.Task.IsCompleted)
            {
                var start = Stopwatch.GetTimestamp();
                var status = (await client.GetAsync("/auth/me")).StatusCode;
                history.Enqueue((start, Stopwatch.GetTimestamp(), status));
                warmedUp.TrySetResult();
                if (start > Interlocked.Read(ref acknowledged) && Interlocked.Increment(ref observedAfterAck) >= RequestsToObserveAfterAck)
                {
                    enoughObserved.TrySetResult();
                }
            }
        }))).ToArray();
        await warmedUp.Task;
        var response = await admin.PostAsJsonAsync("/auth/logout-everywhere", new { keepCurrent = false }, TestContext.Current.CancellationToken);
        Interlocked.Exchange(ref acknowledged, Stopwatch.GetTimestamp());
        await Task.WhenAll(load);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(history, h => h.End < acknowledged && h.Status == HttpStatusCode.OK);
        var startedAfterAck = history.Where(h => h.Start > acknowledged).ToList();
        Assert.True(startedAfterAck.Count >= RequestsToObserveAfterAck);
        Assert.All(startedAfterAck, h => Assert.Equal(HttpStatusCode.Unauthorized, h.Status));
        clients.ForEach(c => c.Dispose());
    }
}
