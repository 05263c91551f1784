using System.Threading.Channels;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Web.Events;

/// <summary>
/// One open <c>GET /auth/events</c> stream and the credential it was opened with. Anything that may have ended the
/// credential — the grain's notification, the periodic recheck, the credential's expiry — only asks for a check
/// (<see cref="RequestCheck"/>); the stream's own loop then confirms the credential with the grain, one check at a
/// time, and never trusts what the notification said. A grid that cannot answer is not a sign-out: the stream stays
/// open and asks again with backoff (docs/threat-model.md, B52).
/// </summary>
internal sealed class EventStream : IDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    /// <summary>The longest a timer is armed for (timers take at most about 49 days); a check then finds the
    /// credential live and arms the next stretch.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    // Capacity one and DropWrite: requests arriving while a check is pending fold into it.
    private readonly Channel<bool> _checks = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly IUserEventsGrain _grain;
    private readonly string _token;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxRetry;
    private readonly EventStreamMetrics _metrics;
    private readonly Func<Task> _resubscribe;
    private readonly ITimer _timer;
    private DateTimeOffset _expiresAt = DateTimeOffset.MaxValue;
    private TimeSpan _retry = FirstRetry;
    private bool _undecided;

    public EventStream(
        string userId, IUserEventsGrain grain, string token, TimeProvider time, TimeSpan maxRetry, EventStreamMetrics metrics, Func<Task> resubscribe)
    {
        UserId = userId;
        _grain = grain;
        _token = token;
        _time = time;
        _maxRetry = maxRetry;
        _metrics = metrics;
        _resubscribe = resubscribe;
        _timer = time.CreateTimer(static stream => ((EventStream)stream!).RequestCheck(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public string UserId { get; }

    /// <summary>Asks the stream's loop to confirm its credential soon; cheap, never blocks, coalesces.</summary>
    public void RequestCheck() => _checks.Writer.TryWrite(true);

    /// <summary>
    /// Runs the stream until its credential ends (the reason is returned; the caller says <c>signed-out</c>) or
    /// <paramref name="stopped"/> fires (the client left, the host stops). Sends a keep-alive comment every
    /// <paramref name="keepAlive"/>, whatever the checks do (they send nothing).
    /// </summary>
    public async Task<SignOutReason> RunAsync(HttpResponse response, TimeSpan keepAlive, CancellationToken stopped)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stopped);
        try
        {
            var pending = _checks.Reader.WaitToReadAsync(running.Token).AsTask();
            var quiet = Task.Delay(keepAlive, _time, running.Token);
            while (true)
            {
                if (await Task.WhenAny(pending, quiet) == quiet)
                {
                    await quiet;
                    await ServerSentEvents.KeepAliveAsync(response, running.Token);
                    quiet = Task.Delay(keepAlive, _time, running.Token);
                    continue;
                }

                await pending;
                _checks.Reader.TryRead(out _);
                if (await CheckAsync(running.Token) is { } reason)
                {
                    return reason;
                }

                pending = _checks.Reader.WaitToReadAsync(running.Token).AsTask();
            }
        }
        finally
        {
            // Releases the pending keep-alive timer and read now, not when they would have fired.
            await running.CancelAsync();
        }
    }

    /// <summary>Confirms the credential with the grain: null while it is live or the grid cannot say, else why it
    /// ended. Live: the next check is due at its expiry. Undecided: again after a backoff.</summary>
    private async Task<SignOutReason?> CheckAsync(CancellationToken stopped)
    {
        ValidationResult verdict;
        try
        {
            verdict = await _grain.ConfirmAsync(_token).AsTask().WaitAsync(stopped);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stopped.IsCancellationRequested)
        {
            verdict = ValidationResult.Unavailable;
        }

        // A grain that could not answer may have lost this front end's subscription with its activation: renew it as
        // soon as the grain answers again, not at the next scheduled renewal.
        if (_undecided && verdict.IsValid)
        {
            await _resubscribe();
        }

        _undecided = verdict.Outcome == ValidationOutcome.Unavailable;
        _metrics.Checked(verdict.Outcome);
        var now = _time.GetUtcNow();
        switch (verdict.Outcome)
        {
            case ValidationOutcome.Valid:
                _retry = FirstRetry;
                _expiresAt = verdict.ExpiresAt;
                _timer.Change(UntilExpiry(now), Timeout.InfiniteTimeSpan);
                return null;
            case ValidationOutcome.Unavailable:
                _timer.Change(_retry, Timeout.InfiniteTimeSpan);
                _retry = _retry * 2 < _maxRetry ? _retry * 2 : _maxRetry;
                return null;
            default:
                return now >= _expiresAt ? SignOutReason.Expired : SignOutReason.Revoked;
        }
    }

    /// <summary>When to check next for a live credential: at its expiry, within <see cref="LongestWait"/>. A grain
    /// whose clock runs behind ours may still accept at our expiry: then ask again a second later.</summary>
    private TimeSpan UntilExpiry(DateTimeOffset now)
    {
        var wait = _expiresAt - now;
        return wait <= TimeSpan.Zero ? FirstRetry : wait < LongestWait ? wait : LongestWait;
    }

    public void Dispose()
    {
        _timer.Dispose();
        _checks.Writer.TryComplete();
    }
}
