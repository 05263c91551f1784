using System.Diagnostics;

namespace Sessions.Bench.Scaling.Measuring;

/// <summary>Percentiles of a set of latencies, in microseconds (nearest rank).</summary>
internal sealed record LatencySummary(int Count, double P50Us, double P99Us, double P999Us, double MaxUs, double MeanUs)
{
    public static LatencySummary Of(IEnumerable<long> stopwatchTicks)
    {
        var sorted = stopwatchTicks.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0);
        }

        double Micros(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
        double At(double p) => Micros(sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)]);
        return new LatencySummary(sorted.Length, At(0.50), At(0.99), At(0.999), Micros(sorted[^1]), sorted.Average(Micros));
    }
}
