using Orleans.Storage;

namespace Sessions.Grains.Storage;

/// <summary>
/// The ADO.NET provider with a version-only read beside it (<see cref="IStoredVersionReader"/>): everything else goes
/// to the provider unchanged. The provider stays the owner of the rows; this only looks at their Version column.
/// </summary>
internal sealed class VersionReadingGrainStorage(IGrainStorage inner, StoredVersionReader versions) : IGrainStorage, IStoredVersionReader
{
    public Task<string?> ReadStoredVersionAsync<T>(string stateName, GrainId grainId, CancellationToken cancellationToken) =>
        versions.ReadAsync(stateName, grainId, cancellationToken);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
}
