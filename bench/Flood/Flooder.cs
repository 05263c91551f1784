using System.Diagnostics;
using System.Net;

namespace Sessions.Bench.Flood;

/// <summary>
/// The attacker: closed-loop connections from one client address, each sending its next request as soon as the
/// last one is answered (like wrk), honouring nothing: a 429's Retry-After is ignored like any other answer. One
/// client per connection keeps each loop on its own connection; the grid decides the pace, so this stays cheap.
/// </summary>
internal sealed class Flooder(Uri server, IPAddress source, int connections, Func<HttpRequestMessage> nextRequest, MeasuredWindow window)
{
    // Longer than the grid's own 30 s grain-call timeout, so a request the grid gives up on is counted as its 503.
    private static readonly TimeSpan PatienceForAnAnswer = TimeSpan.FromSeconds(45);
    private long _sent;
    private long _answered;

    /// <summary>Requests sent, the settling time included.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Requests sent and not answered yet.</summary>
    public long InFlight => Sent - Interlocked.Read(ref _answered);

    /// <summary>Answers that arrived while the window was open.</summary>
    public Answers Answers { get; } = new();

    /// <summary>How long those answers took.</summary>
    public Latencies Latencies { get; } = new();

    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(() => ConnectionAsync(stop), CancellationToken.None)));

    private async Task ConnectionAsync(CancellationToken stop)
    {
        using var client = BoundClient.Create(server, source, connections: 1, PatienceForAnAnswer);
        while (!stop.IsCancellationRequested)
        {
            using var request = nextRequest();
            Interlocked.Increment(ref _sent);
            var started = Stopwatch.GetTimestamp();
            string outcome;
            try
            {
                outcome = await Exchange.OutcomeAsync(client, request, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var answered = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _answered);
            if (window.IsOpenAt(answered))
            {
                Answers.Add(outcome);
                Latencies.Add(answered - started);
            }

            if (outcome == "error")
            {
                // Nobody answers (the server is gone): do not spin.
                await Task.Delay(10, CancellationToken.None);
            }
        }
    }
}
