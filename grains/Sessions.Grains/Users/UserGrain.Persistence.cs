using Sessions.Grains.Abstractions.Users;

namespace Sessions.Grains.Users;

/// <summary>The user grain: how a change becomes durable, and the writes nobody waits for.</summary>
internal sealed partial class UserGrain
{
    /// <summary>
    /// Folds buffered uses into the state, prunes what is no longer live, and writes. The change is acknowledged only
    /// if this returns; on failure the activation is poisoned and <see cref="SessionStoreUnavailableException"/> thrown.
    /// </summary>
    private async Task WriteAsync(DateTimeOffset now)
    {
        _state.ThrowIfPoisoned();
        _lastSeen.FoldInto(User);
        _lifetimes.Prune(User, now);
        await WriteStateWithSignalsAsync();

        // The write was conditional on the version this activation holds, so storage matched memory until now.
        _recheck.Confirm(now);
        _gauge.Report(User.Sessions.Count);
        ScheduleSignalDispatch();
    }

    /// <summary>Writes pending "last seen" times, if any; failures poison but are not thrown (nobody is waiting).</summary>
    private async Task FlushAsync()
    {
        if (_state.Poisoned || !(_lastSeen.HasPending || _outboxChanged) || !User.Exists)
        {
            return;
        }

        await WriteUnobservedAsync();
    }

    /// <summary>Writes pending changes right after the current call has replied.</summary>
    private void WriteSoon()
    {
        IGrainTimer? timer = null;
        timer = this.RegisterGrainTimer(async _ =>
        {
            timer?.Dispose();
            await WriteUnobservedAsync();
        }, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    private async Task WriteUnobservedAsync()
    {
        try
        {
            await WriteAsync(_time.GetUtcNow());
        }
        catch (SessionStoreUnavailableException)
        {
            // Logged and poisoned by the guarded state; the next call reloads.
        }
    }

    private async Task<string?> ReadStoredEtagAsync()
    {
        var stored = new GrainState<UserState>();
        await _storage.ReadStateAsync(UserState.StateName, this.GetGrainId(), stored);
        return stored.ETag;
    }
}
