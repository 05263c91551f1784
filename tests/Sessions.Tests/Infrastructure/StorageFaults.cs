using System.Collections.Concurrent;

namespace Sessions.Tests.Infrastructure;

/// <summary>Where an injected storage fault strikes (after Orleans' own fault-injection points).</summary>
public enum FaultPoint
{
    /// <summary>The write fails and nothing reaches storage.</summary>
    BeforeWrite,

    /// <summary>The write reaches storage, then the caller is told it failed (an indeterminate outcome).</summary>
    AfterWrite,

    /// <summary>The read fails (activation cannot load state).</summary>
    BeforeRead,
}

/// <summary>Faults armed per grain; one instance per test cluster, shared by every silo's storage wrapper.</summary>
public sealed class StorageFaults
{
    private readonly ConcurrentDictionary<(GrainId, FaultPoint), int> _armed = new();
    private readonly ConcurrentDictionary<GrainId, WriteHold> _held = new();

    /// <summary>Holds the next write of <paramref name="grain"/> until released.</summary>
    public WriteHold HoldNextWrite(GrainId grain) => _held[grain] = new WriteHold();

    /// <summary>The hold a write of <paramref name="grain"/> must pass, if one is set (and consumes it).</summary>
    public WriteHold? TakeHold(GrainId grain) => _held.TryRemove(grain, out var hold) ? hold : null;

    /// <summary>Makes the next <paramref name="times"/> operations of <paramref name="grain"/> at <paramref name="point"/> fail.</summary>
    public void Arm(GrainId grain, FaultPoint point, int times = 1) => _armed[(grain, point)] = times;

    /// <summary>Whether a fault fires now (and consumes it).</summary>
    public bool Fire(GrainId grain, FaultPoint point)
    {
        while (_armed.TryGetValue((grain, point), out var left))
        {
            if (left <= 0)
            {
                return false;
            }

            if (_armed.TryUpdate((grain, point), left - 1, left))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A write stopped in flight: <see cref="Reached"/> completes when the write arrives; <see cref="Release"/>
/// lets it fail before reaching storage (true) or proceed (false).</summary>
public sealed class WriteHold
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Reached => _reached.Task;

    public void Release(bool fail) => _released.SetResult(fail);

    internal async Task<bool> PassAsync()
    {
        _reached.SetResult();
        return await _released.Task;
    }
}
