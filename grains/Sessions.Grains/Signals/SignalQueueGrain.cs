using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Sessions.Grains.Abstractions.Signals;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Hosting;

namespace Sessions.Grains.Signals;

/// <summary>
/// One shard of one receiver's delivery queue (<see cref="ISignalQueueGrain"/>). Reentrant, so accepting signals from
/// user grains never waits behind a push to a slow receiver (a revocation's hand-over must stay fast); the queue in
/// memory is changed only in synchronous steps, and storage is handed a copy (<see cref="SignalQueueState.Snapshot"/>),
/// one write at a time, later changes riding on the next write. Pushes go one at a time, oldest first, so a
/// receiver gets a user's signals in order; after a failed push the whole shard waits (exponential backoff, jitter).
/// </summary>
[Reentrant]
internal sealed partial class SignalQueueGrain(
    [PersistentState(SignalQueueState.StateName, SessionGrid.StorageName)] IPersistentState<SignalQueueState> state,
    [FromKeyedServices(SessionGrid.ClockKey)] TimeProvider time,
    IOptions<SignalsOptions> options,
    SignalDelivery delivery,
    SecurityEventTokenWriter writer,
    SignalMetrics metrics,
    ILogger<SignalQueueGrain> logger) : Grain, ISignalQueueGrain, IDisposable
{
    private readonly SemaphoreSlim _writeTurn = new(1, 1);
    private SignalQueueState _queue = new();
    private string _receiver = string.Empty;
    private int _capacity;
    private long _changes;
    private long _written;
    private bool _poisoned;
    private bool _delivering;
    private int _failures;
    private DateTimeOffset _nextAttemptAt;
    private IGrainTimer? _timer;

    private SignalsOptions Options => options.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        _receiver = key[..Math.Max(key.IndexOf('/', StringComparison.Ordinal), 0)];
        _capacity = Math.Max(Options.MaxQueuedPerReceiver / SignalShards.Count, 1);
        _queue = state.State.Snapshot();
        _written = _changes;
        Kick();
        return Task.CompletedTask;
    }

    public async Task EnqueueAsync(SecuritySignal[] signals, CancellationToken cancellationToken = default)
    {
        ThrowIfPoisoned();
        var added = 0;
        foreach (var signal in signals.Where(s => !_queue.Items.Exists(q => q.Jti == s.Jti)))
        {
            _queue.Items.Add(signal);
            added++;
        }

        var overflow = _queue.Items.Count - _capacity;
        if (overflow > 0)
        {
            // The oldest go first: they are the nearest to the horizon, and the newest say what holds now.
            _queue.Items.RemoveRange(0, overflow);
            _queue.Dropped += overflow;
            metrics.Outcome(_receiver, "dropped", overflow);
            LogDropped(logger, _receiver, overflow, _capacity);
        }

        if (added > 0)
        {
            await PersistAsync();
            Kick();
        }
    }

    public Task WakeAsync()
    {
        Kick();
        return Task.CompletedTask;
    }

    public Task<ReceiverStatus> GetStatusAsync() => Task.FromResult(new ReceiverStatus(
        _receiver, _queue.Items.Count, _queue.Items.Count == 0 ? null : _queue.Items.Min(i => i.OccurredAt),
        _queue.Delivered, _queue.Failed, _queue.Dropped, _queue.Expired, _queue.LastError, _queue.LastErrorAt, _queue.LastDeliveredAt));

    /// <summary>Starts a delivery pass now, unless one is running (it will see what was added).</summary>
    private void Kick()
    {
        if (!_delivering && !_poisoned && _queue.Items.Count > 0)
        {
            Schedule(TimeSpan.Zero);
        }
    }

    private void Schedule(TimeSpan due)
    {
        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(DeliverAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan)
        {
            Interleave = true,
            KeepAlive = true,   // a queue that holds signals stays active until it has delivered them
        });
    }

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        if (_delivering || _poisoned)
        {
            return;
        }

        _delivering = true;
        try
        {
            await DeliverDueAsync();
        }
        finally
        {
            _delivering = false;
            _timer?.Dispose();
            _timer = null;
            if (_queue.Items.Count > 0 && !_poisoned)
            {
                var wait = _nextAttemptAt - time.GetUtcNow();
                Schedule(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
            }
        }
    }

    private async Task DeliverDueAsync()
    {
        var receiver = Options.Receivers.GetValueOrDefault(_receiver);
        while (true)
        {
            var now = time.GetUtcNow();
            var changed = ExpireOld(now);
            if (receiver is null || _queue.Items.Count == 0 || now < _nextAttemptAt)
            {
                await PersistIfAsync(changed);
                return;
            }

            var signal = _queue.Items[0];
            var result = await delivery.PushAsync(receiver, writer.Write(signal, Options.Issuer!, receiver.Audience, now));
            if (!Record(signal, result, time.GetUtcNow()))
            {
                await PersistIfAsync(changed);
                return;
            }

            await PersistAsync();
        }
    }

    /// <summary>Applies a push's result; false when the shard must wait before the next push.</summary>
    private bool Record(SecuritySignal signal, DeliveryResult result, DateTimeOffset now)
    {
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                _queue.Items.RemoveAll(i => i.Jti == signal.Jti);
                _queue.Delivered++;
                _queue.LastDeliveredAt = now;
                _failures = 0;
                metrics.Outcome(_receiver, "delivered");
                metrics.Lag(_receiver, now - signal.OccurredAt);
                return true;
            case DeliveryOutcome.Rejected:
                _queue.Items.RemoveAll(i => i.Jti == signal.Jti);
                _queue.Failed++;
                NoteError(result.Reason, now);
                _failures = 0;
                metrics.Outcome(_receiver, "rejected");
                LogRejected(logger, _receiver, signal.Jti, result.Reason);
                return true;
            default:
                _failures++;
                _nextAttemptAt = now + RetrySchedule.DelayAfter(_failures, Options);
                NoteError(result.Reason, now);
                metrics.Outcome(_receiver, "retried");
                if (_failures == 1)
                {
                    LogFailing(logger, _receiver, result.Reason);
                }

                _changes++;   // the last error is shown after a restart too
                return false;
        }
    }

    private void NoteError(string? reason, DateTimeOffset now)
    {
        _queue.LastError = reason;
        _queue.LastErrorAt = now;
    }

    private bool ExpireOld(DateTimeOffset now)
    {
        var horizon = now - Options.RetryHorizon;
        var expired = _queue.Items.RemoveAll(i => i.OccurredAt < horizon);
        if (expired == 0)
        {
            return false;
        }

        _queue.Expired += expired;
        metrics.Outcome(_receiver, "expired", expired);
        LogExpired(logger, _receiver, expired, Options.RetryHorizon);
        return true;
    }

    public void Dispose() => _writeTurn.Dispose();

    private Task PersistIfAsync(bool changed) => changed || _changes > _written ? PersistAsync() : Task.CompletedTask;

    /// <summary>Makes every change so far durable: one write at a time, a waiting change rides on the next write.</summary>
    /// <exception cref="SessionStoreUnavailableException">The write failed; the activation stops and reloads.</exception>
    private async Task PersistAsync()
    {
        var wanted = ++_changes;
        await _writeTurn.WaitAsync();
        try
        {
            ThrowIfPoisoned();
            if (_written >= wanted)
            {
                return;
            }

            var version = _changes;
            state.State = _queue.Snapshot();
            await state.WriteStateAsync();
            _written = version;
        }
        catch (Exception exception) when (exception is not SessionStoreUnavailableException)
        {
            LogWriteFailed(logger, exception, _receiver);
            _poisoned = true;
            DeactivateOnIdle();
            throw new SessionStoreUnavailableException();
        }
        finally
        {
            _writeTurn.Release();
        }
    }

    private void ThrowIfPoisoned()
    {
        if (_poisoned)
        {
            throw new SessionStoreUnavailableException();
        }
    }

    [LoggerMessage(5101, LogLevel.Warning, "Signal receiver {Receiver} refused security event {Jti} for good ({Reason}); it is not retried")]
    private static partial void LogRejected(ILogger logger, string receiver, string jti, string? reason);

    [LoggerMessage(5102, LogLevel.Warning, "Signal receiver {Receiver} cannot be reached ({Reason}); its security events are retried with backoff")]
    private static partial void LogFailing(ILogger logger, string receiver, string? reason);

    [LoggerMessage(5103, LogLevel.Warning, "{Count} security events for receiver {Receiver} expired after the retry horizon {Horizon}")]
    private static partial void LogExpired(ILogger logger, string receiver, int count, TimeSpan horizon);

    [LoggerMessage(5104, LogLevel.Warning, "{Count} security events for receiver {Receiver} dropped: a queue shard holds at most {Capacity}")]
    private static partial void LogDropped(ILogger logger, string receiver, int count, int capacity);

    [LoggerMessage(5105, LogLevel.Error, "Writing the signal queue of receiver {Receiver} failed; the activation stops and reloads")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string receiver);
}
