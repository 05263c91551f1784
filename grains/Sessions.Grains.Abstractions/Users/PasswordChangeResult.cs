namespace Sessions.Grains.Abstractions.Users;

/// <summary>How a password change ended.</summary>
public enum PasswordChangeOutcome : byte
{
    /// <summary>Changed; every other session of the user was signed out.</summary>
    Changed = 1,

    /// <summary>The current password did not match (counts as a failed sign-in).</summary>
    WrongPassword = 2,

    /// <summary>Too many consecutive failures; see <see cref="PasswordChangeResult.RetryAfter"/>.</summary>
    Throttled = 3,

    /// <summary>The new password does not meet the policy.</summary>
    Rejected = 4,

    /// <summary>The session asking is no longer live (or is not a browser/app session).</summary>
    Denied = 5,

    /// <summary>Every password-hashing slot and its queue were taken: nothing was checked or changed. See
    /// <see cref="PasswordChangeResult.RetryAfter"/>.</summary>
    Busy = 6,
}

/// <summary>The result of a password change.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="RevokedSessions">How many other sessions were signed out.</param>
/// <param name="RetryAfter">When throttled or busy, how long to wait.</param>
[GenerateSerializer, Immutable, Alias("sg.PasswordChangeResult")]
public sealed record PasswordChangeResult(
    [property: Id(0)] PasswordChangeOutcome Outcome,
    [property: Id(1)] int RevokedSessions = 0,
    [property: Id(2)] TimeSpan? RetryAfter = null);
