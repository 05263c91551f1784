using Sessions.Grains.Abuse;

namespace Sessions.Tests.Abuse;

/// <summary>
/// Takes every thread of a <see cref="PasswordHashGate"/> with work that waits until released, standing for
/// password checks in progress: while it holds, whatever the grid hashes waits in the gate's queue, and the test
/// decides when it goes on. It tells whether the gate's threads belong to the .NET thread pool.
/// </summary>
internal sealed class HeldHashing : IDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private readonly PasswordHashGate _gate;
    private readonly List<Task<bool>> _held = [];

    private HeldHashing(PasswordHashGate gate) => _gate = gate;

    /// <summary>Holds <paramref name="threads"/> threads of <paramref name="gate"/> (all it has) and returns once
    /// each runs held work.</summary>
    public static async Task<HeldHashing> TakeAsync(PasswordHashGate gate, int threads)
    {
        var hold = new HeldHashing(gate);
        var running = new List<Task>();
        for (var i = 0; i < threads; i++)
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Assert.True(gate.TryRun(() => hold.Hold(started), out var held));
            hold._held.Add(held);
            running.Add(started.Task);
        }

        await Task.WhenAll(running).WaitAsync(TestContext.Current.CancellationToken);
        return hold;
    }

    /// <summary>Returns once <paramref name="count"/> checks wait in the gate's queue behind the held work.</summary>
    public async Task UntilWaitingAsync(int count)
    {
        while (_gate.Waiting < count)
        {
            TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }

    /// <summary>Lets the held work finish, and with it whatever waits behind it; true when any of it ran on a
    /// thread-pool thread.</summary>
    public async Task<bool> ReleaseAsync()
    {
        _release.Set();
        var onThePool = await Task.WhenAll(_held);
        return onThePool.Any(pooled => pooled);
    }

    // Released, not disposed: a held thread may still be waking up from the event.
    public void Dispose() => _release.Set();

    private bool Hold(TaskCompletionSource started)
    {
        started.SetResult();
        _release.Wait();
        return Thread.CurrentThread.IsThreadPoolThread;
    }
}
