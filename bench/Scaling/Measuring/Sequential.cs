using System.Diagnostics;

namespace Sessions.Bench.Scaling.Measuring;

/// <summary>Latency of operations run one at a time (nothing else in flight).</summary>
internal static class Sequential
{
    /// <returns>The latencies, and how many operations returned false.</returns>
    public static async Task<(LatencySummary Latency, int Failures)> RunAsync<T>(IEnumerable<T> items, Func<T, Task<bool>> operation)
    {
        var latencies = new List<long>();
        var failures = 0;
        foreach (var item in items)
        {
            var started = Stopwatch.GetTimestamp();
            var ok = await operation(item);
            latencies.Add(Stopwatch.GetTimestamp() - started);
            failures += ok ? 0 : 1;
        }

        return (LatencySummary.Of(latencies), failures);
    }
}
