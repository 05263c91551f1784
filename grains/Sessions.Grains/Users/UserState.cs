using Sessions.Grains.Abstractions.Users;

namespace Sessions.Grains.Users;

/// <summary>
/// Everything the grid persists about one user. Ids are a storage contract: extend only, never renumber.
/// Secrets appear only as SHA-256 digests of token verifiers and as the password hash.
/// </summary>
[GenerateSerializer, Alias("sg.UserState")]
internal sealed class UserState
{
    /// <summary>The name the user grain persists this state under: a storage contract, keyed into every row.</summary>
    public const string StateName = "user";

    /// <summary>The normalised username; null until the account is created.</summary>
    [Id(0)] public string? Username { get; set; }

    /// <summary>The Identity password hash (algorithm, salt and iteration count are in the hash).</summary>
    [Id(1)] public string? PasswordHash { get; set; }

    [Id(2)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The revocation epoch; sign-out-everywhere advances it, and a credential is accepted only if it
    /// carries the current one.</summary>
    [Id(3)] public long Epoch { get; set; }

    /// <summary>When sign-out-everywhere last ran: nothing issued earlier is accepted again.</summary>
    [Id(4)] public DateTimeOffset? NotBefore { get; set; }

    [Id(5)] public Dictionary<Guid, SessionRecord> Sessions { get; set; } = [];

    [Id(6)] public Dictionary<Guid, ApiTokenRecord> ApiTokens { get; set; } = [];

    [Id(7)] public SignInThrottleState Throttle { get; set; } = new();

    /// <summary>Newest last, at most <c>Sessions:AuditTrailLength</c> entries.</summary>
    [Id(8)] public List<AuditEvent> AuditTrail { get; set; } = [];

    /// <summary>Set when the account is created, by a password registration or a first federated sign-in. A state
    /// stored before this field existed reads back false; its password hash then says it exists (<see cref="Exists"/>).</summary>
    [Id(9)] public bool Created { get; set; }

    /// <summary>Whether an operator or a signal disabled the account: no credential, sign-in, refresh or token
    /// creation until it is enabled.</summary>
    [Id(10)] public bool Disabled { get; set; }

    /// <summary>Set by the first step of deleting the account (everything revoked, <see cref="Disabled"/> set), so a
    /// retry after a partial failure continues with releasing the username and links and removing the state.</summary>
    [Id(11)] public bool Deleting { get; set; }

    /// <summary>The external identities (issuer and subject of an OpenID Connect provider) linked to the account.</summary>
    [Id(12)] public List<LinkedIdentity> Identities { get; set; } = [];

    /// <summary>Security events owed to the apps that rely on the grid, written with the change they describe (Signals/;
    /// a high id, clear of the ids other fields take next).</summary>
    [Id(90)] public Signals.SignalOutboxState Signals { get; set; } = new();

    /// <summary>Whether the account exists: created explicitly, or (stored before <see cref="Created"/>) with a password.</summary>
    public bool Exists => Created || PasswordHash is not null;
}
