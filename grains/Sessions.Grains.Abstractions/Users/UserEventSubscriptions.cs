namespace Sessions.Grains.Abstractions.Users;

/// <summary>The contract between a user grain and the front ends watching it (<see cref="IUserEventsGrain"/>).</summary>
public static class UserEventSubscriptions
{
    /// <summary>How long a subscription lasts without renewal: 2 minutes. Long enough that a front end renewing every
    /// minute (at most) survives one lost renewal; short enough that a front end that died stops being notified soon,
    /// which bounds a grain's set of watchers by the front ends alive in the last two minutes.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    /// <summary>The most watchers one user grain keeps (one per front end holding a stream of the user): 256. A
    /// subscription beyond it replaces the one closest to lapsing, so the set stays bounded whatever calls it.</summary>
    public const int MaxWatchers = 256;
}
