using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Sessions.Grains.Abstractions.Signals;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Hosting;

namespace Sessions.Grains.Signals;

/// <summary>
/// One shard of the users whose outbox holds signals (<see cref="ISignalPendingIndexGrain"/>). A user is listed in
/// parallel with the write that queues its first signal, and unlisted once its outbox is empty, so the list only holds
/// users whose signals are on their way: bounded by the users revoking at once, not by all users. Reentrant, with one
/// write at a time and later changes riding on the next, so marks from many user grains share writes.
/// </summary>
[Reentrant]
internal sealed partial class SignalPendingIndexGrain(
    [PersistentState(SignalPendingIndexState.StateName, SessionGrid.StorageName)] IPersistentState<SignalPendingIndexState> state,
    ILogger<SignalPendingIndexGrain> logger) : Grain, ISignalPendingIndexGrain, IDisposable
{
    private readonly SemaphoreSlim _writeTurn = new(1, 1);
    private HashSet<string> _users = new(StringComparer.Ordinal);
    private long _changes;
    private long _written;
    private bool _waking;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _users = new HashSet<string>(state.State.UserIds, StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    public async Task MarkAsync(string userId)
    {
        if (_users.Add(userId) || _written < _changes)
        {
            await PersistAsync();
        }
    }

    /// <summary>Not written at once: the removal rides on the next mark's write. A crash before it leaves the user
    /// listed, and the recovery pass finds an empty outbox and unlists it again — a write per unmark would add a write
    /// to every revocation.</summary>
    public Task UnmarkAsync(string userId)
    {
        if (_users.Remove(userId))
        {
            _changes++;
        }

        return Task.CompletedTask;
    }

    public async Task WakeAsync()
    {
        if (_waking)
        {
            return;
        }

        _waking = true;
        try
        {
            foreach (var userId in _users.ToArray())
            {
                try
                {
                    await GrainFactory.GetGrain<ISignalOutbox>(userId).DispatchSignalsAsync();
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    LogDispatchFailed(logger, exception.GetType().Name, userId);
                }
            }
        }
        finally
        {
            _waking = false;
        }
    }

    public void Dispose() => _writeTurn.Dispose();

    /// <exception cref="SessionStoreUnavailableException">The write failed; the activation reloads what storage holds.</exception>
    private async Task PersistAsync()
    {
        var wanted = ++_changes;
        await _writeTurn.WaitAsync();
        try
        {
            if (_written >= wanted)
            {
                return;
            }

            var version = _changes;
            state.State = new SignalPendingIndexState { UserIds = new HashSet<string>(_users, StringComparer.Ordinal) };
            await state.WriteStateAsync();
            _written = version;
        }
        catch (Exception exception) when (exception is not SessionStoreUnavailableException)
        {
            LogWriteFailed(logger, exception);
            DeactivateOnIdle();
            throw new SessionStoreUnavailableException();
        }
        finally
        {
            _writeTurn.Release();
        }
    }

    [LoggerMessage(5111, LogLevel.Warning, "Dispatching the security events of user {UserId} failed ({ExceptionType}); retried on the recovery schedule")]
    private static partial void LogDispatchFailed(ILogger logger, string exceptionType, string userId);

    [LoggerMessage(5112, LogLevel.Error, "Writing the pending signal index failed; the activation stops and reloads")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
