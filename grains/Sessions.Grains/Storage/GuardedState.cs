using Microsoft.Extensions.Logging;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Grains.Storage;

/// <summary>
/// A grain's persistent state and the rule that keeps memory honest: a change is made in memory and then written,
/// and if the write fails (or conflicts) memory may differ from storage (docs/threat-model.md, H1). The activation
/// is then poisoned: it answers nothing from memory again, asks to be deactivated, and every call is refused with
/// <see cref="SessionStoreUnavailableException"/>, so the next activation reloads what storage holds. The owner names
/// the state in log lines (<c>user 0f…</c>); never a secret or a username.
/// </summary>
internal sealed partial class GuardedState<TState>(IPersistentState<TState> state, IGrainContext grain, ILogger logger, string owner)
{
    // Only for grains with interleaving calls that write (ChangeAsync): the change in flight, which the next one waits
    // for. A grain runs one turn at a time, so swapping it needs no lock.
    private Task _lastChange = Task.CompletedTask;

    /// <summary>The state; change it only in a turn that ends in <see cref="WriteAsync"/>.</summary>
    public TState State => state.State;

    /// <summary>The stored version this activation holds.</summary>
    public string? Etag => state.Etag;

    /// <summary>Set when memory may differ from storage: nothing may be served from it.</summary>
    public bool Poisoned { get; private set; }

    /// <summary>Refuses the call when this activation no longer serves.</summary>
    /// <exception cref="SessionStoreUnavailableException">The activation is poisoned.</exception>
    public void ThrowIfPoisoned()
    {
        if (Poisoned)
        {
            throw new SessionStoreUnavailableException();
        }
    }

    /// <summary>Writes the state; on failure poisons the activation and throws: the change was not acknowledged.</summary>
    /// <exception cref="SessionStoreUnavailableException">The activation is, or has just been, poisoned.</exception>
    public async Task WriteAsync()
    {
        ThrowIfPoisoned();
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            LogWriteFailed(logger, exception, owner);
            Poison();
            throw new SessionStoreUnavailableException();
        }
    }

    /// <summary>
    /// For a grain whose interleaving calls also write: waits for any change in flight, then applies
    /// <paramref name="change"/> (which says whether it changed anything) and writes it. Memory is changed only here,
    /// never while another write may be serialising it (storage may serialise on another thread).
    /// </summary>
    /// <returns>What <paramref name="change"/> returned: false means nothing was written.</returns>
    /// <exception cref="SessionStoreUnavailableException">The activation is, or has just been, poisoned.</exception>
    public async Task<bool> ChangeAsync(Func<TState, bool> change)
    {
        var previous = _lastChange;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _lastChange = done.Task;
        try
        {
            await previous;
            ThrowIfPoisoned();
            if (!change(state.State))
            {
                return false;
            }

            await WriteAsync();
            return true;
        }
        finally
        {
            done.SetResult();
        }
    }

    /// <summary>Removes the stored state (the grain's owner is gone); on failure poisons the activation and throws.</summary>
    /// <exception cref="SessionStoreUnavailableException">The activation is, or has just been, poisoned.</exception>
    public async Task ClearAsync()
    {
        ThrowIfPoisoned();
        try
        {
            await state.ClearStateAsync();
        }
        catch (Exception exception)
        {
            LogWriteFailed(logger, exception, owner);
            Poison();
            throw new SessionStoreUnavailableException();
        }
    }

    /// <summary>Stops this activation answering from memory and asks for it to be deactivated.</summary>
    public void Poison()
    {
        Poisoned = true;
        grain.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "Its state may differ from storage."));
    }

    [LoggerMessage(1001, LogLevel.Error, "Writing the state of {Owner} failed; the activation stops serving and reloads")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string owner);
}
