namespace Sessions.Grains.Hosting;

/// <summary>
/// Per-account sign-in throttling (configuration section <c>Sessions:SignInThrottle</c>). The counter lives in the
/// user grain, so it holds across every front end (NIST SP 800-63B §5.2.2; docs/threat-model.md, H6).
/// </summary>
public sealed class SignInThrottleOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sessions:SignInThrottle";

    /// <summary>Consecutive failures allowed before the first lockout. Default 5.</summary>
    public int FreeFailures { get; set; } = 5;

    /// <summary>The first lockout; each further failure doubles it. Default 30 s.</summary>
    public TimeSpan FirstLockout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest single lockout. Default 1 h.</summary>
    public TimeSpan MaxLockout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After this many consecutive failures password sign-in is disabled for the account until the
    /// password is changed from a live session (NIST: at most 100). Reaching it takes days at the default
    /// backoff. Default 100.</summary>
    public int DisableAfter { get; set; } = 100;
}
