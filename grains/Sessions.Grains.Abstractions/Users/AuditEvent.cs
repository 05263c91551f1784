namespace Sessions.Grains.Abstractions.Users;

/// <summary>A security event in a user's bounded audit trail.</summary>
public enum AuditEventKind : byte
{
    /// <summary>The account was created.</summary>
    Registered = 1,

    /// <summary>A session was created by a correct password.</summary>
    SignedIn = 2,

    /// <summary>A wrong password was presented.</summary>
    SignInFailed = 3,

    /// <summary>An app session rotated its refresh token.</summary>
    Refreshed = 4,

    /// <summary>A rotated-out refresh token came back; the session was revoked.</summary>
    RefreshReuseDetected = 5,

    /// <summary>One session was ended (sign-out, revoke, token revocation).</summary>
    SessionRevoked = 6,

    /// <summary>An API token was created.</summary>
    ApiTokenCreated = 7,

    /// <summary>An API token was revoked.</summary>
    ApiTokenRevoked = 8,

    /// <summary>Every credential was revoked in one call.</summary>
    SignedOutEverywhere = 9,

    /// <summary>The password was changed and the other sessions signed out.</summary>
    PasswordChanged = 10,

    /// <summary>The oldest session was ended to make room under the per-user session limit.</summary>
    SessionEvicted = 11,

    /// <summary>An operator acted on this user through the admin API.</summary>
    AdminAction = 12,

    /// <summary>The account was disabled: every credential revoked, sign-in refused until enabled.</summary>
    AccountDisabled = 13,

    /// <summary>The account was enabled again (no old credential comes back).</summary>
    AccountEnabled = 14,

    /// <summary>A provider's or a transmitter's signal was acted on (back-channel logout, global token revocation,
    /// a security event); the detail names the source and what it did.</summary>
    SignalReceived = 15,

    /// <summary>An external identity (an OpenID Connect provider's issuer and subject) was linked to the account.</summary>
    IdentityLinked = 16,
}

/// <summary>One entry of the audit trail. Never carries a secret.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Kind">What happened.</param>
/// <param name="SessionId">The session or API token concerned, if any.</param>
/// <param name="Detail">A short, secret-free description (client kind, address, counts).</param>
[GenerateSerializer, Immutable, Alias("sg.AuditEvent")]
public sealed record AuditEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] AuditEventKind Kind,
    [property: Id(2)] string? SessionId,
    [property: Id(3)] string? Detail);
