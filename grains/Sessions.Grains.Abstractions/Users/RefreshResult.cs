namespace Sessions.Grains.Abstractions.Users;

/// <summary>How a refresh ended.</summary>
public enum RefreshOutcome : byte
{
    /// <summary>A new access/refresh pair was issued (or re-sent, for a retry inside the grace window).</summary>
    Refreshed = 1,

    /// <summary>Unknown, expired or revoked; nothing changed.</summary>
    Invalid = 2,

    /// <summary>A refresh token that was already rotated out came back after the grace window: the whole
    /// session was revoked (RFC 9700 §4.14.2).</summary>
    ReuseDetected = 3,
}

/// <summary>The result of presenting a refresh token.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Session">The renewed pair when refreshed.</param>
[GenerateSerializer, Immutable, Alias("sg.RefreshResult")]
public sealed record RefreshResult(
    [property: Id(0)] RefreshOutcome Outcome,
    [property: Id(1)] IssuedSession? Session = null)
{
    /// <summary>The uniform failure.</summary>
    public static readonly RefreshResult Invalid = new(RefreshOutcome.Invalid);
}
