namespace Sessions.Grains.Signals;

/// <summary>Exponential backoff with jitter: the n-th consecutive failure waits between half and all of
/// <c>InitialRetryDelay · 2^(n-1)</c>, capped at <c>MaxRetryDelay</c>, so queues that failed together do not retry together.</summary>
internal static class RetrySchedule
{
    public static TimeSpan DelayAfter(int failures, SignalsOptions options)
    {
        var exponent = Math.Min(Math.Max(failures - 1, 0), 30);
        var ceiling = Math.Min(options.InitialRetryDelay.Ticks * Math.Pow(2, exponent), options.MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)(ceiling * (0.5 + (Random.Shared.NextDouble() / 2))));
    }
}
