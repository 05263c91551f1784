using Orleans.Concurrency;

namespace Sessions.Grains.Abstractions.Users;

/// <summary>
/// A front end that holds open event streams (<c>GET /auth/events</c>) of a user and wants to hear, at once, that the
/// user's credentials changed. The call says only "something changed": the front end re-validates each stream's
/// credential with the grain and never trusts the notification's content (docs/invariants.md, invariant 1).
/// </summary>
public interface IUserEventsObserver : IGrainObserver
{
    /// <summary>The credentials of <paramref name="userId"/> changed durably (a revocation, a sign-out everywhere, an
    /// expiry pruned, a sign-in). One-way: the grain never waits for a front end.</summary>
    [OneWay]
    Task CredentialsChangedAsync(string userId);
}
