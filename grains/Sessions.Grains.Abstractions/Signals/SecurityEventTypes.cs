namespace Sessions.Grains.Abstractions.Signals;

/// <summary>
/// The event type URIs of the Security Event Tokens (RFC 8417) the grid sends and receives: OpenID Continuous Access
/// Evaluation Profile (CAEP) 1.0, Risk Incident Sharing and Coordination (RISC) 1.0, the Shared Signals Framework 1.0
/// verification event, and OpenID Connect Back-Channel Logout 1.0. One table for the transmitter and the receivers.
/// </summary>
public static class SecurityEventTypes
{
    /// <summary>CAEP: a session (or, with the user as subject, every session) was revoked.</summary>
    public const string SessionRevoked = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";

    /// <summary>CAEP: a credential was created, revoked, updated or deleted (a password change, an API token's revocation).</summary>
    public const string CredentialChange = "https://schemas.openid.net/secevent/caep/event-type/credential-change";

    /// <summary>RISC: the account was disabled.</summary>
    public const string AccountDisabled = "https://schemas.openid.net/secevent/risc/event-type/account-disabled";

    /// <summary>RISC: the account was enabled again.</summary>
    public const string AccountEnabled = "https://schemas.openid.net/secevent/risc/event-type/account-enabled";

    /// <summary>RISC: the account was deleted.</summary>
    public const string AccountPurged = "https://schemas.openid.net/secevent/risc/event-type/account-purged";

    /// <summary>RISC: every session of the account was revoked.</summary>
    public const string SessionsRevoked = "https://schemas.openid.net/secevent/risc/event-type/sessions-revoked";

    /// <summary>RISC: a credential of the account was compromised.</summary>
    public const string CredentialCompromise = "https://schemas.openid.net/secevent/risc/event-type/credential-compromise";

    /// <summary>SSF: a verification event, which changes nothing.</summary>
    public const string Verification = "https://schemas.openid.net/secevent/ssf/event-type/verification";

    /// <summary>OpenID Connect Back-Channel Logout 1.0: the member of a logout token's <c>events</c> claim.</summary>
    public const string BackChannelLogout = "http://schemas.openid.net/event/backchannel-logout";
}
