namespace Sessions.Grains.Abuse;

/// <summary>
/// A token bucket: <c>capacity</c> attempts at once, refilled at <c>perWindow</c> per <c>window</c>, continuously. An
/// attempt takes one token; with none left it is refused, and the caller learns when the next token arrives.
/// </summary>
internal sealed class TokenBucket(int capacity, int perWindow, TimeSpan window)
{
    private readonly double _perTick = perWindow / (double)window.Ticks;
    private double _tokens = capacity;
    private DateTimeOffset _updated = DateTimeOffset.MinValue;

    /// <summary>Takes a token at <paramref name="now"/>; null when one was taken, else how long until one is there.</summary>
    public TimeSpan? TryTake(DateTimeOffset now)
    {
        Refill(now);
        if (_tokens >= 1)
        {
            _tokens -= 1;
            return null;
        }

        return TimeSpan.FromTicks((long)Math.Ceiling((1 - _tokens) / _perTick));
    }

    /// <summary>How long, from <paramref name="now"/>, until the bucket is full again (zero when it is).</summary>
    public TimeSpan UntilFull(DateTimeOffset now)
    {
        Refill(now);
        return TimeSpan.FromTicks((long)Math.Ceiling((capacity - _tokens) / _perTick));
    }

    private void Refill(DateTimeOffset now)
    {
        if (_updated != DateTimeOffset.MinValue && now > _updated)
        {
            _tokens = Math.Min(capacity, _tokens + ((now - _updated).Ticks * _perTick));
        }

        _updated = now > _updated ? now : _updated;
    }
}
