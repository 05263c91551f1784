namespace Sessions.Grains.Abstractions.Signals;

/// <summary>
/// What happened, as the grid tells the apps that rely on it (README, "Let other apps know"). Each kind is sent as
/// exactly one Security Event Token of one event type (<see cref="SecurityEventTypes"/>). Values are a storage and wire
/// contract: extend only, never renumber.
/// </summary>
public enum SignalKind : byte
{
    /// <summary>Not a signal; never sent.</summary>
    None = 0,

    /// <summary>One browser or app session ended: CAEP <c>session-revoked</c> about that session of the user.</summary>
    SessionRevoked = 1,

    /// <summary>Sign-out-everywhere: one CAEP <c>session-revoked</c> whose subject is the user.</summary>
    SignedOutEverywhere = 2,

    /// <summary>The password changed: CAEP <c>credential-change</c>, <c>credential_type</c> <c>password</c>,
    /// <c>change_type</c> <c>update</c>.</summary>
    PasswordChanged = 3,

    /// <summary>An API token was revoked: CAEP <c>credential-change</c>, <c>credential_type</c> <c>api-token</c>,
    /// <c>change_type</c> <c>revoke</c>.</summary>
    ApiTokenRevoked = 4,

    /// <summary>RISC <c>account-disabled</c>.</summary>
    AccountDisabled = 5,

    /// <summary>RISC <c>account-enabled</c>.</summary>
    AccountEnabled = 6,

    /// <summary>RISC <c>account-purged</c>.</summary>
    AccountPurged = 7,
}
