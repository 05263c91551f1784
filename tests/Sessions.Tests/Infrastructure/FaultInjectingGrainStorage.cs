using Orleans.Storage;

namespace Sessions.Tests.Infrastructure;

/// <summary>Wraps the real (SQLite) grain storage and fails operations where <see cref="StorageFaults"/> says.</summary>
public sealed class FaultInjectingGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        if (faults.Fire(grainId, FaultPoint.BeforeRead))
        {
            throw new IOException("Injected fault before read.");
        }

        return inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        if (faults.TakeHold(grainId) is { } hold && await hold.PassAsync())
        {
            throw new IOException("Injected fault after holding the write.");
        }

        if (faults.Fire(grainId, FaultPoint.BeforeWrite))
        {
            throw new IOException("Injected fault before write.");
        }

        await inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
        if (faults.Fire(grainId, FaultPoint.AfterWrite))
        {
            throw new IOException("Injected fault after write.");
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
}
