using System.Diagnostics;

namespace Sessions.Bench.Scaling.Measuring;

/// <summary>
/// CPU taken by this process (plus the process trees of a store it uses, such as the PostgreSQL server) and by
/// everything else on the machine, read from /proc like bench/lib/measure.sh does. The machine is shared: "other"
/// is what other work took while we measured.
/// </summary>
internal sealed class MachineLoad(IReadOnlyList<int> alsoOurs)
{
    private const double TicksPerSecond = 100; // USER_HZ, which /proc reports in on Linux

    public Sample Take()
    {
        var store = StoreTicks();
        return new(MachineBusyTicks(), ProcessTicks(Environment.ProcessId) + store, store, Stopwatch.GetTimestamp());
    }

    public static Usage Between(Sample from, Sample to)
    {
        var seconds = Stopwatch.GetElapsedTime(from.Timestamp, to.Timestamp).TotalSeconds;
        var ours = (to.OurTicks - from.OurTicks) / TicksPerSecond / seconds;
        var busy = (to.MachineBusyTicks - from.MachineBusyTicks) / TicksPerSecond / seconds;
        var store = (to.StoreTicks - from.StoreTicks) / TicksPerSecond / seconds;
        return new Usage(seconds, ours, Math.Max(0, busy - ours), store);
    }

    /// <summary>Waits (at most <paramref name="patience"/>) until other work uses at most <paramref name="maxOther"/>
    /// cores over one second.</summary>
    /// <returns>The other cores of the last second looked at.</returns>
    public async Task<double> WaitQuietAsync(double maxOther, TimeSpan patience)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var start = Take();
            await Task.Delay(1000);
            var other = Between(start, Take()).OtherCores;
            if (other <= maxOther || Stopwatch.GetTimestamp() >= deadline)
            {
                return other;
            }

            Progress.Line($"  (waiting: other work on the machine takes {other:F2} cores)");
            await Task.Delay(2000);
        }
    }

    private long StoreTicks() => alsoOurs.SelectMany(Tree).Sum(ProcessTicks);

    /// <summary>utime + stime of the process, plus what its reaped children used.</summary>
    private static long ProcessTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14]);
        }
        catch (IOException)
        {
            return 0; // it exited in between
        }
    }

    private static IEnumerable<int> Tree(int pid)
    {
        yield return pid;
        var children = Directory.Exists($"/proc/{pid}/task")
            ? Directory.GetDirectories($"/proc/{pid}/task").SelectMany(task => ReadChildren(Path.Combine(task, "children")))
            : [];
        foreach (var child in children.ToList())
        {
            foreach (var descendant in Tree(child))
            {
                yield return descendant;
            }
        }
    }

    private static List<int> ReadChildren(string path)
    {
        try
        {
            return File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>CPU time the whole machine spent busy (user, nice, system, irq, softirq; not steal).</summary>
    private static long MachineBusyTicks()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(cpu[1]) + long.Parse(cpu[2]) + long.Parse(cpu[3]) + long.Parse(cpu[6]) + long.Parse(cpu[7]);
    }

    public readonly record struct Sample(long MachineBusyTicks, long OurTicks, long StoreTicks, long Timestamp);
}

/// <summary>CPU use over a window: ours (this process and its store) and everything else's, in cores; of ours, what
/// the store's processes took (the PostgreSQL server; none for SQLite, which runs inside this process).</summary>
internal readonly record struct Usage(double Seconds, double OurCores, double OtherCores, double StoreCores);
