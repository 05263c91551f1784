using System.Diagnostics;

namespace Sessions.Bench.Flood;

/// <summary>The measured window of one scenario: it opens after the flood has settled and stays open for its
/// length. Everything counted in a scenario is what happened while it was open.</summary>
internal sealed class MeasuredWindow(TimeSpan settle, TimeSpan length)
{
    private readonly long _opens = Stopwatch.GetTimestamp() + Ticks(settle);

    public TimeSpan Length => length;

    public bool IsOpen => IsOpenAt(Stopwatch.GetTimestamp());

    public bool IsOpenAt(long timestamp) => timestamp >= _opens && timestamp < _opens + Ticks(length);

    /// <summary>The moment <paramref name="offset"/> after the window opens, as a stopwatch timestamp.</summary>
    public long At(TimeSpan offset) => _opens + Ticks(offset);

    public static Task UntilAsync(long timestamp)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return wait > TimeSpan.Zero ? Task.Delay(wait) : Task.CompletedTask;
    }

    public Task UntilOpenAsync() => UntilAsync(_opens);

    public Task UntilClosedAsync() => UntilAsync(At(length));

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
