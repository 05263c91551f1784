namespace Sessions.Grains.Diagnostics;

/// <summary>The values of the <c>cause</c> label of <c>sessions.revocations</c>: why credentials were revoked. An
/// explicit end is labelled with the credential kind's wire name (<c>session</c>, <c>api-token</c>).</summary>
internal static class RevocationCauses
{
    /// <summary>One browser or app session ended by id (sign-out, or ending it from the session list).</summary>
    public const string Session = "session";

    /// <summary>One API token revoked by id.</summary>
    public const string ApiToken = "api-token";

    /// <summary>A credential revoked by presenting it (RFC 7009 token revocation).</summary>
    public const string TokenRevocation = "token_revocation";

    /// <summary>A session ended because its rotated-out refresh token came back (RFC 9700 §4.14.2).</summary>
    public const string RefreshReuse = "refresh_reuse";

    /// <summary>The other sessions of a user who changed the password.</summary>
    public const string PasswordChange = "password_change";

    /// <summary>Every credential of a user, but the one kept, in one call.</summary>
    public const string SignOutEverywhere = "sign_out_everywhere";

    /// <summary>Sessions ended because the identity provider they came from signed the person out (back-channel logout).</summary>
    public const string ProviderLogout = "provider_logout";

    /// <summary>Every credential of a user whose account was disabled.</summary>
    public const string AccountDisabled = "account_disabled";

    /// <summary>Every credential of a user whose account was deleted.</summary>
    public const string AccountDeleted = "account_deleted";
}
