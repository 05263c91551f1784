namespace Sessions.Grains.Hosting;

/// <summary>
/// Lifetimes and limits of credentials (configuration section <c>Sessions</c>). Every default says why it was chosen
/// and cites its source; docs/operations.md lists them all.
/// </summary>
public sealed class SessionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sessions";

    /// <summary>A browser session ends after this long without a request. Default 30 min: NIST SP 800-63B AAL2
    /// (rev 3 SHALL ≤ 30 min; rev 4 SHOULD ≤ 1 h).</summary>
    public TimeSpan BrowserIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A browser session ends this long after sign-in, however active. Default 12 h: NIST AAL2.</summary>
    public TimeSpan BrowserAbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>An access token works this long after it was issued. Default 15 min: short enough that a leaked
    /// one is worth little, long enough that apps refresh rarely (RFC 9700). Revocation does not wait for it.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>An app session ends when its refresh token goes unused this long. Default 14 d (RFC 9700 §4.14.2:
    /// refresh tokens SHOULD expire when the client is inactive).</summary>
    public TimeSpan RefreshIdleTimeout { get; set; } = TimeSpan.FromDays(14);

    /// <summary>An app session ends this long after sign-in, however often refreshed. Default 30 d (NIST AAL1
    /// upper anchor; ASVS 10.4.8).</summary>
    public TimeSpan RefreshAbsoluteLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>For this long after a rotation, presenting the rotated-out refresh token again returns the very
    /// same successor pair instead of revoking the session: concurrent tabs and a retry after a lost response
    /// are not attacks. Default 30 s; 0 makes reuse detection strict. Never yields two distinct valid refresh tokens.</summary>
    public TimeSpan RefreshReuseGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The lifetime of an API token when its creator names none. Default 90 d: non-human credentials
    /// must expire (OWASP NHI), and 90 d matches common rotation policies.</summary>
    public TimeSpan ApiTokenDefaultLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The longest lifetime an API token may be given. Default 365 d; at most
    /// <see cref="Abstractions.Users.ApiTokenRules.MaxLifetimeDays"/> days, the ceiling front ends check requests against.</summary>
    public TimeSpan ApiTokenMaxLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Live browser and app sessions per user. At the limit a new sign-in ends the least recently used
    /// session (recorded in the audit trail) rather than locking the user out. Default 50.</summary>
    public int MaxSessionsPerUser { get; set; } = 50;

    /// <summary>Live API tokens per user. At the limit creating another is refused: silently revoking a token a
    /// background job depends on would be worse. Default 20.</summary>
    public int MaxApiTokensPerUser { get; set; } = 20;

    /// <summary>Security events kept per user, newest last. Default 50.</summary>
    public int AuditTrailLength { get; set; } = 50;

    /// <summary>"Last seen" times are kept in memory by validation (which does no I/O) and written at most this
    /// often per active user (and on deactivation, and with any other change). A crash can forget this much activity,
    /// which only makes idle expiry come sooner (fail closed): with the defaults a browser session may end after 25
    /// idle minutes instead of 30. Default 5 min: one write per active user per 5 min keeps a storage write storm
    /// away from the validation path (at 1 min, 10,000 active users cost 170 fsynced writes per second).</summary>
    public TimeSpan LastSeenFlushInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Every user activation re-reads its stored version this often and stops answering when storage has
    /// moved on. It bounds how long a stale duplicate activation (two clusters on one database, or a directory
    /// disagreement during a membership change) can keep accepting credentials another activation revoked: at most
    /// this long plus one storage read, or <see cref="StorageUnreadableLimit"/> while storage cannot be read (then the
    /// activation fails closed). Validation itself stays free of I/O; the cost is one row read per active user per
    /// interval. Applies where <c>Sessions:Storage:RecheckStoredVersion</c> is on (by default: PostgreSQL). Default 5 s.</summary>
    public TimeSpan StorageRecheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// While storage cannot be read, a user activation keeps serving what it last confirmed against storage for at most
    /// this long, then fails closed (answers 503 until storage answers again). A recheck that cannot read storage
    /// proves nothing either way: failing closed at once would turn every passing database hiccup into an outage of
    /// every active user, while serving indefinitely would let a stale duplicate activation accept revoked credentials
    /// for as long as the outage lasts. This bounds that window. Default (unset): three times
    /// <see cref="StorageRecheckInterval"/>, so two failed rechecks in a row are tolerated and the third fails closed
    /// (15 s with the defaults). When set: at least <see cref="StorageRecheckInterval"/> (one failed read is never
    /// fatal) and at most 15 minutes.
    /// </summary>
    public TimeSpan? StorageUnreadableLimit { get; set; }

    /// <summary><see cref="StorageUnreadableLimit"/>, or its default when unset.</summary>
    internal TimeSpan StorageUnreadableLimitOrDefault => StorageUnreadableLimit ?? 3 * StorageRecheckInterval;
}
