namespace Sessions.Grains.Abstractions.Users;

/// <summary>An account as operators see it.</summary>
/// <param name="UserId">The user id.</param>
/// <param name="Username">The normalised username.</param>
/// <param name="CreatedAt">When the account was created.</param>
/// <param name="NotBefore">When sign-out-everywhere last ran, if ever.</param>
/// <param name="Disabled">Whether the account is disabled (no sign-in, refresh or token creation until enabled).</param>
/// <param name="Identities">The external identities (OpenID Connect provider issuer and subject) linked to it.</param>
[GenerateSerializer, Immutable, Alias("sg.AccountSummary")]
public sealed record AccountSummary(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset? NotBefore,
    [property: Id(4)] bool Disabled = false,
    [property: Id(5)] Federation.ExternalIdentity[]? Identities = null);
