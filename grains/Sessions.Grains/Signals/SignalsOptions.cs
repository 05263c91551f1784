namespace Sessions.Grains.Signals;

/// <summary>
/// The grid as a Shared Signals transmitter (<c>Sessions:Signals</c>): push delivery (RFC 8935) of signed Security Event
/// Tokens (RFC 8417) to the apps that rely on the grid. With no receiver configured nothing is queued and nothing is sent.
/// Silos read these settings; front ends publish what the silos answer. Validated at start.
/// </summary>
public sealed class SignalsOptions
{
    public const string Section = "Sessions:Signals";

    /// <summary>The <c>iss</c> of every token: the grid's public origin (<c>https://login.example.com</c>; http only on
    /// loopback). Required once a receiver is configured. Default: none.</summary>
    public string? Issuer { get; set; }

    /// <summary>The receivers by name (1–32 of <c>a-z</c>, <c>0-9</c>, <c>-</c>). Default: none.</summary>
    public Dictionary<string, SignalReceiverOptions> Receivers { get; set; } = [];

    /// <summary>Signing keys by name: the path of a PEM file holding an EC P-256 (ES256) or RSA ≥ 2048-bit (RS256) private
    /// key. Every key is published in the JWKS (its <c>kid</c> is its RFC 7638 thumbprint), so a new key can be listed
    /// before it signs and an old one kept until receivers have seen the new. Default: none — the embedded default
    /// (SQLite) generates an ES256 key once, in the data directory, readable by the owner only; with PostgreSQL every
    /// silo must sign with the same key, so keys must be configured.</summary>
    public Dictionary<string, string> SigningKeys { get; set; } = [];

    /// <summary>The name of the key in <see cref="SigningKeys"/> that signs. Default: the only one; required when
    /// several are listed.</summary>
    public string? ActiveSigningKey { get; set; }

    /// <summary>How long a signal is retried after it happened: 24 h by default (issue 13), so a receiver down for a
    /// night still learns every revocation; beyond it the signal is dropped and counted as expired.</summary>
    public TimeSpan RetryHorizon { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The first retry delay after a failed push: 1 s by default; it doubles per failure (with jitter, so a
    /// recovering receiver is not hit by every queue at once) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between retries: 5 min by default, so a receiver that comes back is served within
    /// minutes, while a dead one costs one request per queue shard per 5 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>One push, connection included: 10 s by default; longer counts as a failure and is retried.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Signals queued per receiver, over all its shards: 10,000 by default. A dead receiver can never grow the
    /// stored state beyond this; past it the oldest are dropped and counted (<c>dropped</c> in <c>/admin/signals</c>).</summary>
    public int MaxQueuedPerReceiver { get; set; } = 10_000;

    /// <summary>Signals a user's outbox holds before they are handed to the queues: 100 by default. It only fills when
    /// the queues cannot be reached; past it the oldest are dropped and counted (<c>sessions.signals.dropped</c>).</summary>
    public int MaxPendingPerUser { get; set; } = 100;

    /// <summary>How often every silo wakes the pending index and the queues (and once when it starts): 1 min by
    /// default; this bounds how late a signal left behind by a crash, or a retry of a deactivated queue, goes out.</summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether any receiver is configured.</summary>
    public bool Transmits => Receivers.Count > 0;
}
