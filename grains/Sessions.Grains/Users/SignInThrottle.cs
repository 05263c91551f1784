using Sessions.Grains.Hosting;

namespace Sessions.Grains.Users;

/// <summary>
/// The throttling policy: a few free failures, then a lockout that doubles with every further failure up to a
/// cap, and after <see cref="SignInThrottleOptions.DisableAfter"/> failures password sign-in stays off until the
/// password is changed. While locked, no password is checked, so a correct guess cannot get through.
/// </summary>
internal static class SignInThrottle
{
    /// <summary>How long a sign-in must wait, or null when it may proceed. Past the cap it never may.</summary>
    public static TimeSpan? RetryAfter(SignInThrottleState state, DateTimeOffset now, SignInThrottleOptions options) =>
        state.ConsecutiveFailures >= options.DisableAfter ? options.MaxLockout : LockedFor(state, now);

    /// <summary>How long a password change from a live session must wait: only the timed lockout applies, so the
    /// owner of a live session can re-bind the account after the cap.</summary>
    public static TimeSpan? LockedFor(SignInThrottleState state, DateTimeOffset now) =>
        state.LockedUntil is { } until && until > now ? until - now : null;

    public static void RecordFailure(SignInThrottleState state, DateTimeOffset now, SignInThrottleOptions options)
    {
        state.ConsecutiveFailures++;
        var over = state.ConsecutiveFailures - options.FreeFailures;
        if (over < 0)
        {
            return;
        }

        var lockout = over >= 30
            ? options.MaxLockout
            : TimeSpan.FromTicks(Math.Min(options.FirstLockout.Ticks * (1L << over), options.MaxLockout.Ticks));
        state.LockedUntil = now + lockout;
    }

    public static void Reset(SignInThrottleState state)
    {
        state.ConsecutiveFailures = 0;
        state.LockedUntil = null;
    }
}
