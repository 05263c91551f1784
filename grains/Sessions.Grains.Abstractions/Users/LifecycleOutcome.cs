namespace Sessions.Grains.Abstractions.Users;

/// <summary>How an account lifecycle action (disable, enable, delete) ended.</summary>
public enum LifecycleOutcome : byte
{
    /// <summary>Done, durably: disabled (every credential revoked, sign-in refused), enabled (sign-in allowed again,
    /// no old credential back) or deleted (every credential revoked, username and external links released, stored
    /// state removed).</summary>
    Done = 1,

    /// <summary>The account was already in the asked-for state; nothing changed (the action is idempotent).</summary>
    Unchanged = 2,

    /// <summary>No account exists under this id.</summary>
    NoSuchAccount = 3,

    /// <summary>The actor may not do this; nothing changed.</summary>
    Denied = 4,
}

/// <summary>What an account lifecycle action did. Returned only once it is durable.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="RevokedSessions">Browser and app sessions ended by it.</param>
/// <param name="RevokedTokens">API tokens revoked by it.</param>
[GenerateSerializer, Immutable, Alias("sg.LifecycleResult")]
public sealed record LifecycleResult(
    [property: Id(0)] LifecycleOutcome Outcome,
    [property: Id(1)] int RevokedSessions = 0,
    [property: Id(2)] int RevokedTokens = 0);
