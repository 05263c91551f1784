using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Storage;

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
        NotifyWatchers();
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

    /// <summary>The stored version only, not the state: the recheck compares nothing else (a full read where the
    /// storage has no version-only query).</summary>
    private Task<string?> ReadStoredEtagAsync() =>
        _storage.ReadStoredVersionAsync<UserState>(UserState.StateName, this.GetGrainId(), CancellationToken.None);
}
