namespace Sessions.Grains.Abstractions.Users;

/// <summary>The verdict on a presented credential.</summary>
public enum ValidationOutcome : byte
{
    /// <summary>Unknown, revoked, expired, rotated out, forged: all the same on purpose.</summary>
    Denied = 0,

    /// <summary>The credential is live.</summary>
    Valid = 1,

    /// <summary>The grain cannot vouch for its state (a storage write failed and it is reloading). Fail closed,
    /// but tell the client to retry rather than to sign in again.</summary>
    Unavailable = 2,
}

/// <summary>The grain's answer to "is this credential live?", with what a front end needs to serve the request.</summary>
/// <param name="Outcome">The verdict; anything but <see cref="ValidationOutcome.Valid"/> carries no other data.</param>
/// <param name="UserId">The user.</param>
/// <param name="Username">The user's (normalised) username.</param>
/// <param name="SessionId">The session, or the API token id for <see cref="CredentialKind.ApiToken"/>.</param>
/// <param name="Kind">The kind of credential.</param>
/// <param name="ExpiresAt">When the credential stops working if nothing renews it.</param>
/// <param name="Scopes">What the credential may do: every scope for browser and app sessions, an API token's own.</param>
[GenerateSerializer, Immutable, Alias("sg.ValidationResult")]
public sealed record ValidationResult(
    [property: Id(0)] ValidationOutcome Outcome,
    [property: Id(1)] string? UserId = null,
    [property: Id(2)] string? Username = null,
    [property: Id(3)] string? SessionId = null,
    [property: Id(4)] CredentialKind Kind = CredentialKind.None,
    [property: Id(5)] DateTimeOffset ExpiresAt = default,
    [property: Id(6)] ApiTokenScopes Scopes = ApiTokenScopes.None)
{
    /// <summary>The uniform denial.</summary>
    public static readonly ValidationResult Denied = new(ValidationOutcome.Denied);

    /// <summary>The fail-closed answer of a grain whose memory may not match storage.</summary>
    public static readonly ValidationResult Unavailable = new(ValidationOutcome.Unavailable);

    /// <summary>Whether the credential is live.</summary>
    public bool IsValid => Outcome == ValidationOutcome.Valid;
}
