namespace Sessions.Grains.Abstractions.Federation;

/// <summary>
/// One grain per provider session (key: <see cref="ExternalIdentities.ProviderSessionKey"/>, the provider's issuer and
/// its <c>sid</c>): which grid users hold sessions created from it, so a back-channel logout token that names only a
/// <c>sid</c> finds them (OpenID Connect Back-Channel Logout 1.0 §2.4: <c>sub</c> is optional). Durable and bounded.
/// </summary>
public interface IProviderSessionGrain : IGrainWithStringKey
{
    /// <summary>Records that <paramref name="userId"/> holds a session from this provider session, durably, before the
    /// grid session is issued.</summary>
    Task AddUserAsync(string userId);

    /// <summary>The users that hold (or held) sessions from this provider session.</summary>
    Task<string[]> GetUserIdsAsync();

    /// <summary>Forgets <paramref name="userId"/> (its sessions from this provider session ended, or it was deleted).</summary>
    Task RemoveUserAsync(string userId);
}
