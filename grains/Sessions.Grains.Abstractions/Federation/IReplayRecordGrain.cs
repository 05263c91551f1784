using Orleans.Concurrency;

namespace Sessions.Grains.Abstractions.Federation;

/// <summary>
/// The durable record of token ids (<c>jti</c>) one issuer has used, so a signed token is acted on once only
/// (OpenID Connect Back-Channel Logout 1.0 §2.6, RFC 8417 §2.2, RFC 7523 §3). One grain holds one bucket of one
/// issuer's ids: the key is <see cref="ReplayRecords.GrainKey"/>, never built by hand. Only a SHA-256 digest of each id
/// is kept, until the time the caller says the token stops being acceptable anyway; the record survives restarts.
/// </summary>
public interface IReplayRecordGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records <paramref name="jti"/> as used until <paramref name="keepUntil"/>: written durably before the answer is
    /// <see cref="ReplayRecordOutcome.Recorded"/>. Expired entries are dropped on every write.
    /// </summary>
    /// <param name="jti">The token id, as the token carries it (1 to <see cref="ReplayRecords.MaxJtiLength"/> characters).</param>
    /// <param name="keepUntil">When a token with this id would be refused by its age alone; at most
    /// <see cref="ReplayRecords.MaxRetention"/> ahead.</param>
    /// <returns><see cref="ReplayRecordOutcome.Replayed"/> when the id is already recorded (nothing changes),
    /// <see cref="ReplayRecordOutcome.Full"/> when the bucket holds <see cref="ReplayRecords.MaxEntriesPerBucket"/>
    /// live ids (nothing changes: refusing is the closed way to fail).</returns>
    /// <exception cref="Users.SessionStoreUnavailableException">The write failed: the id may or may not be recorded,
    /// and nothing was acknowledged.</exception>
    /// <exception cref="ArgumentException">The id is empty, too long or belongs to another bucket.</exception>
    Task<ReplayRecordOutcome> RecordAsync(string jti, DateTimeOffset keepUntil);

    /// <summary>Whether <paramref name="jti"/> is recorded and not yet expired, without changing anything: for a caller
    /// that must check before acting and record only once its action is durable.</summary>
    [ReadOnly]
    Task<bool> ContainsAsync(string jti);
}
