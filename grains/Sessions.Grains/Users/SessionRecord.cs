using Sessions.Grains.Abstractions.Users;

namespace Sessions.Grains.Users;

/// <summary>A browser or app session. Ids are a storage contract: extend only, never renumber.</summary>
[GenerateSerializer, Alias("sg.SessionRecord")]
internal sealed class SessionRecord
{
    [Id(0)] public CredentialKind Kind { get; set; }

    /// <summary>The user's revocation epoch this session belongs to.</summary>
    [Id(1)] public long Epoch { get; set; }

    [Id(2)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The session ends here however active it is.</summary>
    [Id(3)] public DateTimeOffset AbsoluteExpiresAt { get; set; }

    /// <summary>The last use that was written; the grain keeps newer ones in memory until the next write.</summary>
    [Id(4)] public DateTimeOffset LastSeenAt { get; set; }

    [Id(5)] public string? Device { get; set; }

    [Id(6)] public string? IpAddress { get; set; }

    [Id(7)] public string? UserAgent { get; set; }

    /// <summary>SHA-256 of the verifier of the bearer credential: the cookie token (browser) or the current
    /// access token (app).</summary>
    [Id(8)] public byte[] Digest { get; set; } = [];

    /// <summary>App sessions: when the current access token expires.</summary>
    [Id(9)] public DateTimeOffset AccessExpiresAt { get; set; }

    /// <summary>App sessions: SHA-256 of the current refresh token's verifier.</summary>
    [Id(10)] public byte[]? RefreshDigest { get; set; }

    /// <summary>App sessions: the idle deadline of the current refresh token.</summary>
    [Id(11)] public DateTimeOffset RefreshExpiresAt { get; set; }

    /// <summary>App sessions: SHA-256 of the refresh token rotated out last, for the grace window and reuse detection.</summary>
    [Id(12)] public byte[]? PreviousRefreshDigest { get; set; }

    /// <summary>App sessions: when the last rotation happened.</summary>
    [Id(13)] public DateTimeOffset RotatedAt { get; set; }

    /// <summary>App sessions: the grid key the current pair was derived and signed with.</summary>
    [Id(14)] public byte RotationKeyId { get; set; }

    /// <summary>For a session signed in through an identity provider: the provider's configured name; null for a
    /// password sign-in.</summary>
    [Id(15)] public string? Provider { get; set; }

    /// <summary>The provider session (<c>sid</c> of the ID token) it came from, if the provider named one: what a
    /// back-channel logout ends.</summary>
    [Id(16)] public string? ProviderSessionId { get; set; }

    /// <summary>When the person authenticated at the provider (<c>auth_time</c>), if it said.</summary>
    [Id(17)] public DateTimeOffset? AuthenticatedAt { get; set; }

    /// <summary>The session id as text, kept in memory only (never persisted) so a validation does not format
    /// it again on every request.</summary>
    [field: NonSerialized]
    public string? IdText { get; set; }
}
