namespace Sessions.Web.Federation.SharedSignals;

/// <summary>What acting on a security event came to.</summary>
internal enum SecurityEventOutcome
{
    /// <summary>Done, durably (or nothing was left to do: ending a session already gone, disabling a disabled account).</summary>
    Done = 1,

    /// <summary>The user grain refused the transmitter; nothing changed.</summary>
    Denied,

    /// <summary>The account went away between resolving the subject and acting (a delete); nothing changed.</summary>
    NoSuchAccount,
}
