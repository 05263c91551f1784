using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Tests.Infrastructure;
using Sessions.Web.Events;

namespace Sessions.Tests.Events;

/// <summary>
/// The checks one front end's streams make with the grain (its <c>sessions.event_streams.checks</c> counter, from
/// that host's own meters only), so a test can wait until a check happened instead of sleeping, and see its outcome.
/// </summary>
public sealed class StreamChecks : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Lock _lock = new();
    private readonly List<string> _outcomes = [];

    public StreamChecks(WebGrid grid)
    {
        var meters = grid.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == EventStreamMetrics.ChecksInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    lock (_lock)
                    {
                        _outcomes.Add((string)tag.Value!);
                    }
                }
            }

            _arrived.Release();
        });
        _listener.Start();
    }

    /// <summary>Waits for the next check and returns its outcome (<c>valid</c>, <c>denied</c>, <c>unavailable</c>).</summary>
    public async Task<string> NextAsync()
    {
        Assert.True(await _arrived.WaitAsync(EventStreamClient.ReadLimit, TestContext.Current.CancellationToken), "No stream check happened.");
        lock (_lock)
        {
            var outcome = _outcomes[0];
            _outcomes.RemoveAt(0);
            return outcome;
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _arrived.Dispose();
    }
}
