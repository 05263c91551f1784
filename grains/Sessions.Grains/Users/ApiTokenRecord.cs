using Sessions.Grains.Abstractions.Users;

namespace Sessions.Grains.Users;

/// <summary>An API token for a non-human client. Ids are a storage contract: extend only, never renumber.</summary>
[GenerateSerializer, Alias("sg.ApiTokenRecord")]
internal sealed class ApiTokenRecord
{
    [Id(0)] public string Name { get; set; } = string.Empty;

    /// <summary>The user's revocation epoch this token belongs to.</summary>
    [Id(1)] public long Epoch { get; set; }

    [Id(2)] public DateTimeOffset CreatedAt { get; set; }

    [Id(3)] public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The last use that was written; the grain keeps newer ones in memory until the next write.</summary>
    [Id(4)] public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>SHA-256 of the token's verifier.</summary>
    [Id(5)] public byte[] Digest { get; set; } = [];

    /// <summary>What the token may do. A token stored before scopes existed reads back with none: see
    /// <see cref="GrantedScopes"/>.</summary>
    [Id(6)] public ApiTokenScopes Scopes { get; set; }

    /// <summary>What the token may do: its scopes, or, for a token stored before scopes existed, every scope — the
    /// powers it was issued with, so deployed automation keeps working; its owner sees them listed and can revoke it.</summary>
    public ApiTokenScopes GrantedScopes => Scopes == ApiTokenScopes.None ? ApiTokenRules.EveryScope : Scopes;

    /// <summary>The token id as text, kept in memory only (never persisted).</summary>
    [field: NonSerialized]
    public string? IdText { get; set; }
}
