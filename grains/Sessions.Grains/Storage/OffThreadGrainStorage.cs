using Orleans.Storage;

namespace Sessions.Grains.Storage;

/// <summary>
/// The SQLite storage path: every operation on the thread pool, and one write at a time.
/// <para>
/// Off the grain's thread: Microsoft.Data.Sqlite's async methods complete synchronously, so without this a SQLite
/// write (lock wait, fsync) would hold the user grain's turn and every validation of that user would wait behind it —
/// measured as one-second stalls. Off the grain's thread, the write is a real await: validations (which interleave) go
/// on, and everything else waits for the write as it must. Safe because nothing mutates the state object while a write
/// is in flight (validation only reads it; "last seen" lives elsewhere).
/// </para>
/// <para>
/// One write at a time: SQLite admits one writer per file, and this process is the only one using the file
/// (<see cref="SqliteFileLock"/>). Left to SQLite, concurrent writers each hold a pool thread while they retry the
/// file lock with sleeps; at 64 concurrent sign-ins that cost a third of the throughput and put the p99 at 300 ms
/// (bench/Scaling, writes). Queued here, a waiting write holds no thread and takes the lock the moment it is free.
/// Reads are not queued: in write-ahead-log mode they never wait for the writer; neither are version-only reads
/// (<see cref="IStoredVersionReader"/>), which go to the storage inside as its reads do.
/// </para>
/// </summary>
internal sealed class OffThreadGrainStorage(IGrainStorage inner) : IGrainStorage, IStoredVersionReader, IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Task.Run(() => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteAsync(() => inner.WriteStateAsync(stateName, grainId, grainState), CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteAsync(() => inner.ClearStateAsync(stateName, grainId, grainState), CancellationToken.None);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        Task.Run(() => inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken), cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        WriteAsync(() => inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken), cancellationToken);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        WriteAsync(() => inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken), cancellationToken);

    public Task<string?> ReadStoredVersionAsync<T>(string stateName, GrainId grainId, CancellationToken cancellationToken) =>
        Task.Run(() => inner.ReadStoredVersionAsync<T>(stateName, grainId, cancellationToken), cancellationToken);

    public void Dispose() => _writer.Dispose();

    private Task WriteAsync(Func<Task> write, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await write().ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }, cancellationToken);
}
