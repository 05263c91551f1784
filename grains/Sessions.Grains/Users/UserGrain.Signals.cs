using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sessions.Grains.Abstractions.Signals;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Signals;

namespace Sessions.Grains.Users;

/// <summary>
/// The user grain: its outbox of security events (docs/architecture.md, "Signals"). A revocation path calls
/// <see cref="EnqueueSignal"/> before its write, so the event is durable with the revocation and is never lost by a
/// crash after the acknowledgement; the write lists the user in the pending index in parallel (the crash case), and
/// right after it the outbox is handed to the receivers' queues in a turn of its own — no receiver is ever waited for
/// on the path of a revocation or a validation.
/// </summary>
internal sealed partial class UserGrain : ISignalOutbox
{
    /// <summary>How long a hand-over to a queue may take before it is retried later: the queue only writes, so this is
    /// reached only when its silo is gone, and then other writes of this user wait at most this long.</summary>
    private static readonly TimeSpan HandOffTimeout = TimeSpan.FromSeconds(5);

    private SignalRouting? _routing;
    private SignalMetrics? _signalMetrics;
    private bool _signalsIndexed;
    private bool _outboxChanged;
    private bool _dispatchScheduled;
    private int _dispatchFailures;

    private SignalRouting Routing => _routing ??= ServiceProvider.GetRequiredService<SignalRouting>();

    /// <summary>Queues one event in the outbox; the caller's write makes it durable together with its change. Nothing
    /// is queued when no receiver is configured.</summary>
    private void EnqueueSignal(SignalKind kind, Guid? sessionId, InitiatingEntity initiator)
    {
        if (!Routing.Transmits)
        {
            return;
        }

        var outbox = User.Signals.Pending;
        var session = kind == SignalKind.SessionRevoked && sessionId is { } id ? GridIds.Format(id) : null;
        outbox.Add(new SecuritySignal(Guid.NewGuid().ToString("N"), kind, _userIdText, session, _time.GetUtcNow(), initiator));
        var overflow = outbox.Count - Routing.Options.MaxPendingPerUser;
        if (overflow > 0)
        {
            outbox.RemoveRange(0, overflow);
            User.Signals.Dropped += overflow;
            (_signalMetrics ??= ServiceProvider.GetRequiredService<SignalMetrics>()).OutboxDropped(overflow);
            LogOutboxDropped(_logger, _userIdText, overflow);
        }
    }

    /// <summary>Who caused a change, in CAEP's words.</summary>
    private static InitiatingEntity InitiatorOf(Actor actor) => actor.Kind switch
    {
        ActorKind.Credential => InitiatingEntity.User,
        ActorKind.Operator => InitiatingEntity.Admin,
        _ => InitiatingEntity.System,   // an identity provider's logout, a transmitter's signal
    };

    /// <summary>The state write of <see cref="WriteAsync"/>; when it carries the outbox's first events, the user is
    /// listed in the pending index at the same time, and the change is acknowledged only once both are durable.</summary>
    private Task WriteStateWithSignalsAsync() =>
        User.Signals.Pending.Count == 0 || _signalsIndexed ? _state.WriteAsync() : WriteAndIndexAsync();

    private async Task WriteAndIndexAsync()
    {
        await Task.WhenAll(_state.WriteAsync(), MarkPendingAsync());
        _signalsIndexed = true;
    }

    private async Task MarkPendingAsync()
    {
        try
        {
            await GrainFactory.GetGrain<ISignalPendingIndexGrain>(SignalShards.IndexKey(SignalShards.Of(_userIdText))).MarkAsync(_userIdText);
        }
        catch (Exception exception) when (exception is not SessionStoreUnavailableException)
        {
            LogIndexFailed(_logger, exception.GetType().Name, _userIdText);
            throw new SessionStoreUnavailableException();
        }
    }

    /// <summary>After a write: hands the outbox over in a turn of its own, right after this call has replied.</summary>
    private void ScheduleSignalDispatch(TimeSpan due = default)
    {
        _outboxChanged = false;   // called after every write, which stored the outbox as it is

        if (_dispatchScheduled || User.Signals.Pending.Count == 0)
        {
            return;
        }

        _dispatchScheduled = true;
        IGrainTimer? timer = null;
        timer = this.RegisterGrainTimer(async _ =>
        {
            timer?.Dispose();
            _dispatchScheduled = false;
            await DispatchSignalsAsync();
        }, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));
    }

    public async Task DispatchSignalsAsync()
    {
        if (_state.Poisoned)
        {
            return;
        }

        var pending = User.Signals.Pending.ToArray();
        if (pending.Length > 0 && !await HandOverAsync(pending))
        {
            ScheduleSignalDispatch(RetrySchedule.DelayAfter(++_dispatchFailures, Routing.Options));
            return;
        }

        _dispatchFailures = 0;
        if (pending.Length > 0)
        {
            // Not written now: the queues hold them durably, and the removal rides on the user's next write (or the
            // flush when the activation ends). A crash before that hands them over again, and at-least-once delivery
            // allows the repeat (receivers de-duplicate by jti); a write per hand-over would double the writes of
            // every revocation.
            var handed = pending.Select(s => s.Jti).ToHashSet(StringComparer.Ordinal);
            User.Signals.Pending.RemoveAll(s => handed.Contains(s.Jti));
            _outboxChanged = true;
        }

        if (User.Signals.Pending.Count == 0)
        {
            await UnmarkPendingAsync();
        }
    }

    /// <summary>Before the user's state is removed: hands the outbox over now, or fails the call.</summary>
    /// <exception cref="SessionStoreUnavailableException">A queue could not take them; nothing is removed.</exception>
    private async Task HandOverBeforeRemovalAsync()
    {
        if (User.Signals.Pending.ToArray() is { Length: > 0 } pending && !await HandOverAsync(pending))
        {
            throw new SessionStoreUnavailableException();
        }
    }

    private async Task<bool> HandOverAsync(SecuritySignal[] pending)
    {
        try
        {
            foreach (var (receiver, signals) in Routing.Route(pending))
            {
                var queue = GrainFactory.GetGrain<ISignalQueueGrain>(SignalShards.QueueKey(receiver, SignalShards.Of(_userIdText)));
                await queue.EnqueueAsync(signals).WaitAsync(HandOffTimeout);
            }

            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogHandOffFailed(_logger, exception.GetType().Name, _userIdText, pending.Length);
            return false;
        }
    }

    private async Task UnmarkPendingAsync()
    {
        try
        {
            await GrainFactory.GetGrain<ISignalPendingIndexGrain>(SignalShards.IndexKey(SignalShards.Of(_userIdText))).UnmarkAsync(_userIdText);
            _signalsIndexed = false;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Still listed: a recovery pass finds the outbox empty and tries again.
            LogIndexFailed(_logger, exception.GetType().Name, _userIdText);
        }
    }

    [LoggerMessage(5131, LogLevel.Warning, "The security events of user {UserId} could not be handed to the receivers' queues ({ExceptionType}); {Count} stay in the outbox and are retried")]
    private static partial void LogHandOffFailed(ILogger logger, string exceptionType, string userId, int count);

    [LoggerMessage(5132, LogLevel.Warning, "The pending signal index could not be updated for user {UserId} ({ExceptionType})")]
    private static partial void LogIndexFailed(ILogger logger, string exceptionType, string userId);

    [LoggerMessage(5133, LogLevel.Warning, "The outbox of user {UserId} is full: {Count} of its oldest security events were dropped")]
    private static partial void LogOutboxDropped(ILogger logger, string userId, int count);
}
