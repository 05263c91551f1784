using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Sessions.Bench.Flood;

/// <summary>Latencies of one probe, collected from any thread; percentiles by nearest rank.</summary>
internal sealed class Latencies
{
    private readonly ConcurrentBag<long> _ticks = [];

    public int Count => _ticks.Count;

    public void Add(long stopwatchTicks) => _ticks.Add(stopwatchTicks);

    /// <summary>"NAME_count=… NAME_p50_us=… NAME_p99_us=… NAME_max_us=…" for the driver to read.</summary>
    public string Describe(string name)
    {
        var sorted = _ticks.Order().ToArray();
        long Micros(long ticks) => ticks * 1_000_000 / Stopwatch.Frequency;
        long At(double p) => sorted.Length == 0 ? 0 : Micros(sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)]);
        return string.Create(CultureInfo.InvariantCulture,
            $"{name}_count={sorted.Length} {name}_p50_us={At(0.50)} {name}_p99_us={At(0.99)} {name}_max_us={At(1.0)}");
    }
}
