namespace Sessions.Bench.Chaos;

/// <summary>
/// One line of a run's timeline (its own file per writer under the events directory): the run started or ended, a
/// silo was added or became ready, was sent SIGTERM (<c>stop</c>) or SIGKILL (<c>kill</c>), exited, or was first
/// suspected or declared dead in the membership table; <see cref="At"/> is a <see cref="MonotonicClock"/> reading.
/// </summary>
internal sealed record MembershipEvent
{
    public long At { get; init; }

    /// <summary><c>start</c>, <c>end</c>, <c>add</c>, <c>ready</c>, <c>stop</c>, <c>kill</c>, <c>exited</c>,
    /// <c>suspected</c>, <c>dead</c>.</summary>
    public required string Kind { get; init; }

    public int Silo { get; init; }

    public int Pid { get; init; }

    public string? Detail { get; init; }
}
