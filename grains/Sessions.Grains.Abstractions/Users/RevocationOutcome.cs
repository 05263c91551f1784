namespace Sessions.Grains.Abstractions.Users;

/// <summary>How ending one session or revoking one API token on behalf of an <see cref="Actor"/> ended.</summary>
public enum RevocationOutcome : byte
{
    /// <summary>A credential was ended; its next request fails.</summary>
    Revoked = 1,

    /// <summary>There was no such credential (ending twice is harmless).</summary>
    NothingToRevoke = 2,

    /// <summary>The actor may not do this (not a live credential of this user, or an API token without
    /// <see cref="ApiTokenScopes.Sessions"/>); nothing was looked at or changed.</summary>
    Denied = 3,
}
