using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Sessions.Grains.Hosting;

namespace Sessions.Tests.Infrastructure;

/// <summary>
/// The grid's grain storage, failing operations where <see cref="StorageFaults"/> says. <see cref="Install"/> puts it
/// around the storage a silo composed (the ADO.NET provider registered under <see cref="SessionGrid.AdoNetStorageName"/>,
/// and on SQLite the write queue in front of it), so everything but the injected fault runs as in production.
/// </summary>
public sealed class FaultInjectingGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage, IDisposable
{
    /// <summary>
    /// Overrides the keyed registration of <see cref="SessionGrid.StorageName"/> in a silo's
    /// <paramref name="services"/> (the last keyed registration wins) with this wrapper around what it registered.
    /// Call after the silo added the grid.
    /// </summary>
    public static void Install(IServiceCollection services, StorageFaults faults)
    {
        var grid = services.LastOrDefault(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, SessionGrid.StorageName))
            ?? throw new InvalidOperationException($"No grain storage named '{SessionGrid.StorageName}' is registered: add the grid first.");
        var create = grid.KeyedImplementationFactory
            ?? throw new InvalidOperationException($"The grain storage '{SessionGrid.StorageName}' is not registered by a factory.");
        services.AddKeyedSingleton<IGrainStorage>(SessionGrid.StorageName, (sp, key) => new FaultInjectingGrainStorage((IGrainStorage)create(sp, key), faults));
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

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

    /// <summary>Clearing is a write: the write faults strike it too.</summary>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        if (faults.Fire(grainId, FaultPoint.BeforeWrite))
        {
            throw new IOException("Injected fault before clear.");
        }

        await inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
        if (faults.Fire(grainId, FaultPoint.AfterWrite))
        {
            throw new IOException("Injected fault after clear.");
        }
    }

    /// <summary>The container disposes only this wrapper; the storage it wraps was made for it alone.</summary>
    public void Dispose() => (inner as IDisposable)?.Dispose();
}
