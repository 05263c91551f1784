using Sessions.Grains.Abstractions.Users;

namespace Sessions.Grains.Users;

/// <summary>
/// The front ends watching one user grain (<see cref="IUserEventsGrain.WatchAsync"/>), each until its subscription
/// lapses. Kept in the activation's memory only: a subscription is a promise of a prompt notification, not of
/// delivery, and the front ends re-validate on a schedule anyway. Bounded by
/// <see cref="UserEventSubscriptions.MaxWatchers"/>. Lapsed watchers are dropped when the grain next notifies.
/// </summary>
internal sealed class UserWatchers
{
    private readonly Dictionary<IUserEventsObserver, DateTimeOffset> _until = [];

    /// <summary>Adds or renews <paramref name="observer"/> until <paramref name="now"/> plus the lifetime; at the bound,
    /// the watcher closest to lapsing makes room.</summary>
    public void Watch(IUserEventsObserver observer, DateTimeOffset now)
    {
        if (!_until.ContainsKey(observer) && _until.Count >= UserEventSubscriptions.MaxWatchers)
        {
            _until.Remove(_until.MinBy(w => w.Value).Key);
        }

        _until[observer] = now + UserEventSubscriptions.Lifetime;
    }

    /// <summary>Tells every live watcher that <paramref name="userId"/>'s credentials changed, one-way: nothing here
    /// waits for a front end, so a slow or dead one never delays a revocation.</summary>
    public void Notify(string userId, DateTimeOffset now)
    {
        List<IUserEventsObserver>? lapsed = null;
        foreach (var (observer, until) in _until)
        {
            if (until <= now || !TryNotify(observer, userId))
            {
                (lapsed ??= []).Add(observer);
            }
        }

        foreach (var observer in lapsed ?? [])
        {
            _until.Remove(observer);
        }
    }

    private static bool TryNotify(IUserEventsObserver observer, string userId)
    {
        try
        {
            // One-way: the task completes when the message is queued, and a failure to deliver is never reported.
            _ = observer.CredentialsChangedAsync(userId);
            return true;
        }
        catch (InvalidOperationException)
        {
            // The reference can no longer be addressed (its client is gone): forget it.
            return false;
        }
    }
}
