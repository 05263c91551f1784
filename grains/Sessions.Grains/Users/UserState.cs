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

    /// <summary>Security events owed to the apps that rely on the grid, written with the change they describe (Signals/;
    /// a high id, clear of the ids other fields take next).</summary>
    [Id(90)] public Signals.SignalOutboxState Signals { get; set; } = new();

    /// <summary>Whether the account exists.</summary>
    public bool Exists => PasswordHash is not null;
}
