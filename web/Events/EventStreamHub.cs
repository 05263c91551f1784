using Microsoft.Extensions.Options;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Hosting;

namespace Sessions.Web.Events;

/// <summary>
/// This front end's open event streams, by user, within their bounds, and its one observer of user grains
/// (<see cref="IUserEventsObserver"/>). A user with streams here is watched: the subscription is made before a stream
/// opens and renewed every <see cref="EventStreamOptions.EventStreamRecheckInterval"/>, and each renewal also rechecks
/// all the user's streams, which covers a notification lost with a silo or a subscription lost with an activation
/// that moved. A user whose last stream closed is not unsubscribed: the subscription lapses by itself within
/// <see cref="UserEventSubscriptions.Lifetime"/>, and an unsubscription could race a new stream's subscription.
/// </summary>
public sealed partial class EventStreamHub : IUserEventsObserver, IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, UserStreams> _users = new(StringComparer.Ordinal);
    private readonly IGrainFactory _grains;
    private readonly EventStreamOptions _options;
    private readonly TimeProvider _time;
    private readonly EventStreamMetrics _metrics;
    private readonly ILogger<EventStreamHub> _logger;
    private readonly Lazy<IUserEventsObserver> _reference;
    private int _open;

    public EventStreamHub(
        IGrainFactory grains,
        IOptions<EventStreamOptions> options,
        [FromKeyedServices(SessionGrid.ClockKey)] TimeProvider time,
        EventStreamMetrics metrics,
        ILogger<EventStreamHub> logger)
    {
        _grains = grains;
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        // Created on first use: a client that has not reached a silo yet cannot make one, and must not remember that.
        _reference = new(() => grains.CreateObjectReference<IUserEventsObserver>(this), LazyThreadSafetyMode.PublicationOnly);
    }

    /// <summary>The streams open on this front end now.</summary>
    public int OpenStreams => Volatile.Read(ref _open);

    /// <summary>A user grain wrote a change: every stream of that user here confirms its credential.</summary>
    public Task CredentialsChangedAsync(string userId)
    {
        lock (_lock)
        {
            if (_users.TryGetValue(userId, out var user))
            {
                user.RequestChecks();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Opens a stream for <paramref name="token"/> of <paramref name="userId"/>, within the bounds.</summary>
    internal StreamAdmission TryOpen(string userId, string token, out EventStream? stream)
    {
        stream = null;
        lock (_lock)
        {
            if (_open >= _options.MaxEventStreams)
            {
                return StreamAdmission.TooManyHere;
            }

            if (!_users.TryGetValue(userId, out var user))
            {
                var renewal = _time.CreateTimer(RenewSoon, userId, _options.EventStreamRecheckInterval, Timeout.InfiniteTimeSpan);
                _users.Add(userId, user = new UserStreams(renewal));
            }
            else if (user.Streams.Count >= _options.EventStreamsPerUser)
            {
                return StreamAdmission.TooManyForUser;
            }

            stream = new EventStream(userId, _grains.GetGrain<IUserEventsGrain>(userId), token, _time, _options.EventStreamRecheckInterval, _metrics,
                () => WatchAsync(userId));
            user.Streams.Add(stream);
            _open++;
            _metrics.Opened();
            return StreamAdmission.Admitted;
        }
    }

    /// <summary>Forgets a stream that ended, for whatever reason.</summary>
    internal void Close(EventStream stream)
    {
        lock (_lock)
        {
            if (_users.TryGetValue(stream.UserId, out var user) && user.Streams.Remove(stream))
            {
                _open--;
                _metrics.Closed();
                if (user.Streams.Count == 0)
                {
                    _users.Remove(stream.UserId);
                    user.Dispose();
                }
            }
        }

        stream.Dispose();
    }

    /// <summary>Subscribes (or renews) this front end with the user's grain; false when the grid could not be reached.</summary>
    internal async Task<bool> WatchAsync(string userId)
    {
        try
        {
            await _grains.GetGrain<IUserEventsGrain>(userId).WatchAsync(_reference.Value);
            return true;
        }
        catch (Exception exception)
        {
            LogWatchFailed(_logger, exception.GetType().Name);
            return false;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var user in _users.Values)
            {
                user.Dispose();
            }

            _users.Clear();
        }
    }

    private void RenewSoon(object? userId) => _ = RenewAsync((string)userId!);

    /// <summary>Renews the subscription, arms the next renewal, then rechecks every stream of the user (even if renewing
    /// failed: the checks retry on their own); one at a time per user, however far a test clock jumps.</summary>
    private async Task RenewAsync(string userId)
    {
        await WatchAsync(userId);
        lock (_lock)
        {
            if (_users.TryGetValue(userId, out var user))
            {
                user.Renewal.Change(_options.EventStreamRecheckInterval, Timeout.InfiniteTimeSpan);
                user.RequestChecks();
            }
        }
    }

    [LoggerMessage(3501, LogLevel.Debug, "Could not watch a user grain for live sign-out ({ExceptionType}); retrying on schedule",
        EventName = "EventStreamWatchFailed")]
    private static partial void LogWatchFailed(ILogger logger, string exceptionType);
}
