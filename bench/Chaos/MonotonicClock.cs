using System.Diagnostics;

namespace Sessions.Bench.Chaos;

/// <summary>
/// The one clock every process of a chaos run writes its times on. On Linux <see cref="Stopwatch.GetTimestamp"/> reads
/// CLOCK_MONOTONIC in nanoseconds (dotnet/runtime: src/native/libs/System.Native/pal_time.c,
/// SystemNative_GetTimestamp), a system-wide clock: every process on the machine reads the same value, it never jumps
/// with the wall clock, and so the invoke and completion times of the clients and the signal times of the chaos
/// monkey can be compared directly.
/// </summary>
internal static class MonotonicClock
{
    public static long Now() => Stopwatch.GetTimestamp();

    public static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    public static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);
}
