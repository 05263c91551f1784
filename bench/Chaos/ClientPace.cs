namespace Sessions.Bench.Chaos;

/// <summary>How fast one simulated user goes: the pause between its account actions (sign-in, refresh, revocations,
/// password change) and between its validations.</summary>
internal sealed record ClientPace(TimeSpan ActionPause, TimeSpan ValidationPause)
{
    /// <summary>An action pause drawn uniformly from half to one and a half times <see cref="ActionPause"/>, so users
    /// do not act in lockstep.</summary>
    public TimeSpan NextActionPause(Random random) => ActionPause * (0.5 + random.NextDouble());
}
