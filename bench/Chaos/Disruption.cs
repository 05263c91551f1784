namespace Sessions.Bench.Chaos;

/// <summary>
/// A silo stopped (SIGTERM) or killed (SIGKILL), from the timeline: when the signal went out, when the membership
/// table first suspected the silo and declared it dead, and, after SIGTERM, when the process exited. A kill's window
/// runs from the signal to the declaration of death plus a settling time (activations move to the survivors, front
/// ends' retries back off); a kill that was never seen declared dead keeps its window to the end of the watch.
/// </summary>
internal sealed record Disruption(string Kind, int Silo, int Pid, long SignalledAt, long? SuspectedAt, long? DeadAt, long? ExitedAt, long WatchEndedAt)
{
    public bool IsKill => Kind == "kill";

    public long WindowEnd(long settle) => (DeadAt ?? WatchEndedAt) + settle;

    public static IReadOnlyList<Disruption> From(IReadOnlyList<MembershipEvent> timeline) => [.. timeline
        .Where(e => e.Kind is "kill" or "stop")
        .Select(signal =>
        {
            long? After(string kind) => timeline.FirstOrDefault(e => e.Kind == kind && e.Pid == signal.Pid && e.At >= signal.At)?.At;
            var dead = After("dead");
            return new Disruption(signal.Kind, signal.Silo, signal.Pid, signal.At, After("suspected"), dead, After("exited"),
                After("undetected") ?? dead ?? timeline.Max(e => e.At));
        })];
}
