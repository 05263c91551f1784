using Orleans.Storage;
using Sessions.Grains.Storage;

namespace Sessions.Tests.Storage;

/// <summary>The SQLite storage path queues writes in-process, one at a time, and never queues reads behind them.</summary>
public sealed class SqliteWriteQueueTests
{
    private static readonly GrainId User = GrainId.Create("user", "queue-test");

    [Fact]
    public async Task WritesReachTheStoreOneAtATimeAndAllComplete()
    {
        using var store = new GatedStorage();
        using var storage = new OffThreadGrainStorage(store);

        var writes = Enumerable.Range(0, 20).Select(_ => storage.WriteStateAsync("state", User, new GrainState<int>())).ToList();
        await store.WriteStarted.Task.WaitAsync(TestContext.Current.CancellationToken);
        for (var released = 0; released < writes.Count; released++)
        {
            store.ReleaseOneWrite();
        }

        await Task.WhenAll(writes).WaitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(20, store.Writes);
        Assert.Equal(1, store.MostWritesAtOnce);
    }

    [Fact]
    public async Task ReadsAreNotQueuedBehindAWrite()
    {
        using var store = new GatedStorage();
        using var storage = new OffThreadGrainStorage(store);

        var write = storage.WriteStateAsync("state", User, new GrainState<int>());
        await store.WriteStarted.Task.WaitAsync(TestContext.Current.CancellationToken);

        await storage.ReadStateAsync("state", User, new GrainState<int>()).WaitAsync(TestContext.Current.CancellationToken);
        Assert.False(write.IsCompleted);

        store.ReleaseOneWrite();
        await write.WaitAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AFailedWriteFailsItsCallerAndFreesTheQueue()
    {
        using var store = new GatedStorage { FailNextWrite = true };
        using var storage = new OffThreadGrainStorage(store);

        var failing = storage.WriteStateAsync("state", User, new GrainState<int>());
        await store.WriteStarted.Task.WaitAsync(TestContext.Current.CancellationToken);
        var next = storage.ClearStateAsync("state", User, new GrainState<int>());
        store.ReleaseOneWrite();
        store.ReleaseOneWrite();

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(TestContext.Current.CancellationToken));
        await next.WaitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, store.Writes);
    }

    [Fact]
    public async Task AWriteCancelledWhileQueuedNeverReachesTheStore()
    {
        using var store = new GatedStorage();
        using var storage = new OffThreadGrainStorage(store);
        var first = storage.WriteStateAsync("state", User, new GrainState<int>());
        await store.WriteStarted.Task.WaitAsync(TestContext.Current.CancellationToken);

        using var cancel = new CancellationTokenSource();
        var queued = storage.WriteStateAsync("state", User, new GrainState<int>(), cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(TestContext.Current.CancellationToken));

        store.ReleaseOneWrite();
        await first.WaitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, store.Writes);
    }

    /// <summary>A store whose writes (and clears) wait until the test releases them, counting how many run at once.</summary>
    private sealed class GatedStorage : IGrainStorage, IDisposable
    {
        private readonly SemaphoreSlim _released = new(0);
        private int _inFlight;
        private int _writes;
        private int _most;

        public TaskCompletionSource WriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool FailNextWrite { get; set; }

        public int Writes => Volatile.Read(ref _writes);

        public int MostWritesAtOnce => Volatile.Read(ref _most);

        public void ReleaseOneWrite() => _released.Release();

        public void Dispose() => _released.Dispose();

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => WriteAsync();

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => WriteAsync();

        private async Task WriteAsync()
        {
            var now = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _most, now);
            Interlocked.Increment(ref _writes);
            WriteStarted.TrySetResult();
            try
            {
                await _released.WaitAsync();
                if (FailNextWrite)
                {
                    FailNextWrite = false;
                    throw new InvalidOperationException("The store refused the write.");
                }
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            var seen = Volatile.Read(ref target);
            while (value > seen)
            {
                var previous = Interlocked.CompareExchange(ref target, value, seen);
                if (previous == seen)
                {
                    return;
                }

                seen = previous;
            }
        }
    }
}
