using Orleans.Concurrency;

namespace Sessions.Grains.Abstractions.Federation;

/// <summary>
/// One grain per provider session (key: <see cref="ExternalIdentities.ProviderSessionKey"/>, the provider's issuer and
/// its <c>sid</c>): which grid users hold sessions created from it, so a back-channel logout token that names only a
/// <c>sid</c> finds them (OpenID Connect Back-Channel Logout 1.0 §2.4: <c>sub</c> is optional). Durable and bounded.
/// </summary>
public interface IProviderSessionGrain : IGrainWithStringKey
{
    /// <summary>Records that <paramref name="userId"/> holds a session from this provider session, durably, before the
    /// grid session is issued. Entries older than the longest session lifetime are dropped on every write.</summary>
    /// <returns>True when recorded (or already recorded); false, changing nothing, when the record already holds
    /// <see cref="ExternalIdentities.MaxUsersPerProviderSession"/> live users: forgetting one would let a logout miss
    /// it, so the sign-in is refused instead.</returns>
    /// <exception cref="Users.SessionStoreUnavailableException">The write failed; the sign-in must issue nothing.</exception>
    Task<bool> AddUserAsync(string userId);

    /// <summary>The users that hold (or held) sessions from this provider session.</summary>
    [AlwaysInterleave]
    Task<string[]> GetUserIdsAsync();

    /// <summary>Forgets <paramref name="userId"/> (its sessions from this provider session ended, or it was deleted),
    /// durably. Idempotent.</summary>
    [AlwaysInterleave]
    Task RemoveUserAsync(string userId);
}
