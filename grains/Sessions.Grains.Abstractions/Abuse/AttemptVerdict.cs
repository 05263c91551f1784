namespace Sessions.Grains.Abstractions.Abuse;

/// <summary>Whether a client network may make one more attempt now.</summary>
/// <param name="Allowed">True when the attempt was counted and may go ahead.</param>
/// <param name="RetryAfter">When refused, how long until the network may try again (then positive).</param>
[GenerateSerializer, Immutable, Alias("sg.AttemptVerdict")]
public sealed record AttemptVerdict(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] TimeSpan RetryAfter = default)
{
    /// <summary>The attempt was counted and may go ahead.</summary>
    public static readonly AttemptVerdict Allow = new(true);

    /// <summary>The attempt was refused and nothing was counted.</summary>
    public static AttemptVerdict Refuse(TimeSpan retryAfter) => new(false, retryAfter);
}
