using System.Diagnostics;

namespace Sessions.Bench.Scaling.Measuring;

/// <summary>
/// Throughput and latency of a call under a fixed number of callers, each starting its next call as soon as its last
/// one returns (closed loop: unlike wrk, no correction for coordinated omission). Each caller is its own thread that
/// waits for its call: async callers on the thread pool, sharing it with the grains, were served unfairly (a few
/// callers cycling through local queues in microseconds while the rest waited for seconds), which hid the queueing in
/// the percentiles; threads are scheduled by the operating system, like separate clients.
/// </summary>
internal static class ClosedLoop
{
    /// <param name="concurrency">How many callers.</param>
    /// <param name="warmup">Calls made before measuring starts (not counted).</param>
    /// <param name="duration">How long the measured window lasts.</param>
    /// <param name="call">One call by caller number <c>worker</c>; false (or an exception) counts as a failure.</param>
    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan warmup, TimeSpan duration, Func<int, ValueTask<bool>> call)
    {
        var measuring = 0;
        var stopping = 0;
        var latencies = new List<long>[concurrency];
        var failures = new long[concurrency];
        var callers = Enumerable.Range(0, concurrency).Select(worker => new Thread(() =>
        {
            var mine = latencies[worker] = new List<long>(1 << 14);
            while (Volatile.Read(ref stopping) == 0)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = call(worker).AsTask().GetAwaiter().GetResult();
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    ok = false;
                }

                var ended = Stopwatch.GetTimestamp();
                if (Volatile.Read(ref measuring) == 1)
                {
                    mine.Add(ended - started);
                    failures[worker] += ok ? 0 : 1;
                }
            }
        })
        { IsBackground = true, Name = $"caller {worker}" }).ToList();
        callers.ForEach(caller => caller.Start());

        await Task.Delay(warmup);
        var from = Stopwatch.GetTimestamp();
        Volatile.Write(ref measuring, 1);
        await Task.Delay(duration);
        Volatile.Write(ref measuring, 0);
        var seconds = Stopwatch.GetElapsedTime(from).TotalSeconds;
        Volatile.Write(ref stopping, 1);
        await Task.Run(() => callers.ForEach(caller => caller.Join()));

        var requests = latencies.Sum(l => (long)l.Count);
        return new LoadResult(requests, seconds, requests / seconds, LatencySummary.Of(latencies.SelectMany(l => l)), failures.Sum());
    }
}

/// <summary>What one closed-loop window measured.</summary>
internal sealed record LoadResult(long Requests, double Seconds, double RequestsPerSecond, LatencySummary Latency, long Failures);
