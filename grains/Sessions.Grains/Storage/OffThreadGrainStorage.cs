using Orleans.Storage;

namespace Sessions.Grains.Storage;

/// <summary>
/// Runs every storage operation on the thread pool. Microsoft.Data.Sqlite's async methods complete synchronously, so
/// without this a SQLite write (lock wait, fsync) would hold the user grain's turn and every validation of that user
/// would wait behind it — measured as one-second stalls. Off the grain's thread, the write is a real await: validations
/// (which interleave) go on, and everything else waits for the write as it must. Safe because nothing mutates the
/// state object while a write is in flight (validation only reads it; "last seen" lives elsewhere).
/// </summary>
internal sealed class OffThreadGrainStorage(IGrainStorage inner) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Task.Run(() => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Task.Run(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Task.Run(() => inner.ClearStateAsync(stateName, grainId, grainState));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        Task.Run(() => inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken), cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        Task.Run(() => inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken), cancellationToken);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        Task.Run(() => inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken), cancellationToken);
}
