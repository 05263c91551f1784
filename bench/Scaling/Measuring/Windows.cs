namespace Sessions.Bench.Scaling.Measuring;

/// <summary>How measurement windows deal with a shared machine.</summary>
/// <param name="MaxOther">Other work may take at most this many cores during a window that counts.</param>
/// <param name="Retries">A noisier window is measured again at most this many times (the last attempt counts).</param>
/// <param name="QuietWait">Before each window, wait at most this long for the machine to be that quiet.</param>
internal sealed record WindowPolicy(double MaxOther, int Retries, TimeSpan QuietWait);

/// <summary>A measurement and the machine's load while it ran.</summary>
/// <param name="Result">What the counted attempt measured.</param>
/// <param name="Usage">CPU use during the counted attempt.</param>
/// <param name="RejectedOther">Other cores of the earlier attempts that were too noisy to count.</param>
internal sealed record Windowed<T>(T Result, Usage Usage, IReadOnlyList<double> RejectedOther)
{
    public int Attempts => RejectedOther.Count + 1;
}

/// <summary>Runs measurement windows on a quiet machine, measuring again those disturbed by other work.</summary>
internal sealed class Windows(MachineLoad load, WindowPolicy policy)
{
    public WindowPolicy Policy => policy;

    /// <summary>Measures with <paramref name="measure"/>; <paramref name="prepare"/> runs before every attempt,
    /// outside the window (a measurement that uses up its users seeds new ones there), and <paramref name="canRetry"/>
    /// says whether another attempt is possible at all (when not, a noisy window is kept, and its load shows it).</summary>
    public async Task<Windowed<T>> MeasureAsync<T>(string label, Func<Task<T>> measure, Func<Task>? prepare = null, Func<bool>? canRetry = null)
    {
        var rejected = new List<double>();
        for (var attempt = 0; ; attempt++)
        {
            if (prepare is not null)
            {
                await prepare();
            }

            await load.WaitQuietAsync(policy.MaxOther, policy.QuietWait);
            var start = load.Take();
            var result = await measure();
            var usage = MachineLoad.Between(start, load.Take());
            if (usage.OtherCores > policy.MaxOther && attempt < policy.Retries && (canRetry?.Invoke() ?? true))
            {
                Progress.Line($"  {label}: other work took {usage.OtherCores:F2} cores (more than {policy.MaxOther}): measuring again");
                rejected.Add(usage.OtherCores);
                continue;
            }

            return new Windowed<T>(result, usage, rejected);
        }
    }
}
