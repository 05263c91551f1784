namespace Sessions.Grains.Abstractions.Users;

/// <summary>A live session as its owner sees it in a list; never carries a secret.</summary>
/// <param name="Id">The session id.</param>
/// <param name="Kind">Browser or app.</param>
/// <param name="Device">The device name the client gave, if any.</param>
/// <param name="IpAddress">The address it signed in from.</param>
/// <param name="UserAgent">The User-Agent it signed in with.</param>
/// <param name="CreatedAt">When it signed in.</param>
/// <param name="LastSeenAt">When it was last used.</param>
/// <param name="ExpiresAt">When it ends unless used (browser) or refreshed (app).</param>
/// <param name="Current">Whether this is the session that asked.</param>
/// <param name="Provider">For a session created by signing in through an identity provider, the provider's configured
/// name; null for a password sign-in.</param>
[GenerateSerializer, Immutable, Alias("sg.SessionInfo")]
public sealed record SessionInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] CredentialKind Kind,
    [property: Id(2)] string? Device,
    [property: Id(3)] string? IpAddress,
    [property: Id(4)] string? UserAgent,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset LastSeenAt,
    [property: Id(7)] DateTimeOffset ExpiresAt,
    [property: Id(8)] bool Current,
    [property: Id(9)] string? Provider = null);
