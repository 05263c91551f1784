using System.Diagnostics;

namespace Sessions.Bench.Flood;

/// <summary>
/// What an orchestrator's liveness probe sees: GET on a health URL at a steady rate on its own connection while the
/// window is open, one request at a time (a slow answer delays the next one, as it would delay the next probe).
/// </summary>
internal sealed class HealthProbe(Uri url, double perSecond, MeasuredWindow window)
{
    private static readonly TimeSpan PatienceForAnAnswer = TimeSpan.FromSeconds(5);

    public Uri Url => url;

    public Latencies Latencies { get; } = new();

    public Answers Answers { get; } = new();

    public async Task RunAsync()
    {
        using var client = BoundClient.Create(new Uri(url.GetLeftPart(UriPartial.Authority)), source: null, connections: 1, PatienceForAnAnswer);
        using var pace = new PeriodicTimer(TimeSpan.FromSeconds(1 / perSecond));
        while (window.IsOpen)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            var started = Stopwatch.GetTimestamp();
            Answers.Add(await Exchange.OutcomeAsync(client, request, CancellationToken.None));
            Latencies.Add(Stopwatch.GetTimestamp() - started);
            await pace.WaitForNextTickAsync();
        }
    }
}
