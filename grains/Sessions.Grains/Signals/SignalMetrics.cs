using System.Diagnostics.Metrics;
using Sessions.Grains.Diagnostics;

namespace Sessions.Grains.Signals;

/// <summary>
/// The transmitter's instruments, in the grid's meter (<see cref="GridMetrics.MeterName"/>): labels are the receiver's
/// configured name and a word, never a user id, a token or a header.
/// </summary>
internal sealed class SignalMetrics
{
    private readonly Counter<long> _delivered;
    private readonly Histogram<double> _lag;
    private readonly Counter<long> _outboxDropped;

    public SignalMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(GridMetrics.MeterName);
        _delivered = meter.CreateCounter<long>(
            "sessions.signals.delivered", unit: "{signal}",
            description: "Security events by receiver and outcome: delivered, rejected (400, not retried), retried (one failed attempt), expired (past the retry horizon), dropped (queue full).");
        _lag = meter.CreateHistogram<double>(
            "sessions.signals.lag", unit: "s", description: "From the revocation to the receiver's acceptance, by receiver.");
        _outboxDropped = meter.CreateCounter<long>(
            "sessions.signals.outbox_dropped", unit: "{signal}",
            description: "Security events dropped at a user's outbox bound because the queues could not be reached.");
    }

    public void Outcome(string receiver, string outcome, long count = 1)
    {
        if (count > 0)
        {
            _delivered.Add(count, new("receiver", receiver), new("outcome", outcome));
        }
    }

    public void Lag(string receiver, TimeSpan lag) => _lag.Record(Math.Max(lag.TotalSeconds, 0), new KeyValuePair<string, object?>("receiver", receiver));

    public void OutboxDropped(long count) => _outboxDropped.Add(count);
}
