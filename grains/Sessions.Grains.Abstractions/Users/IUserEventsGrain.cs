using Orleans.Concurrency;

namespace Sessions.Grains.Abstractions.Users;

/// <summary>
/// The user grain (the same activation as <see cref="IUserGrain"/>, key: the user id) as the source of live sign-out:
/// front ends watch it for changes and confirm their streams' credentials without counting as a use.
/// Every method interleaves: none touches the persisted state, so a renewal or a confirmation never waits behind a
/// write or a password check.
/// </summary>
public interface IUserEventsGrain : IGrainWithStringKey
{
    /// <summary>Subscribes (or renews) <paramref name="observer"/> for <see cref="UserEventSubscriptions.Lifetime"/>:
    /// after every successful write of the user's state the grain tells it. The subscription lives in the activation's
    /// memory, so it is lost with the activation; a watcher renews well before it lapses.</summary>
    [AlwaysInterleave]
    Task WatchAsync(IUserEventsObserver observer);

    /// <summary>
    /// Judges a browser-session, access or API token as <see cref="IUserGrain.ValidateAsync"/> does, in memory, but
    /// without recording a use: an open page's stream must not keep an idle session alive. The answer's
    /// <see cref="ValidationResult.ExpiresAt"/> is when the credential ends unless it is used.
    /// </summary>
    [AlwaysInterleave]
    ValueTask<ValidationResult> ConfirmAsync(string token);
}
