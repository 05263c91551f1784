namespace Sessions.Grains.Diagnostics;

/// <summary>One activation's share of the <c>sessions.active</c> gauge: what it last reported, so each report adds
/// only the difference and a deactivation takes its share away.</summary>
internal sealed class SessionsGauge(GridMetrics metrics)
{
    private long _reported;

    /// <summary>Brings the gauge in line with the sessions this activation holds (on activation, after writes).</summary>
    public void Report(int held)
    {
        metrics.SessionsHeld(held - _reported);
        _reported = held;
    }

    /// <summary>Takes this activation's share away (on deactivation).</summary>
    public void Stop()
    {
        metrics.SessionsHeld(-_reported);
        _reported = 0;
    }
}
