using Sessions.Grains.Abstractions.Operations;
using Sessions.Grains.Hosting;

namespace Sessions.Grains.Operations;

/// <summary>Answers readiness probes with a real storage read every time (never from memory).</summary>
internal sealed class StorageProbeGrain(
    [PersistentState(ProbeState.StateName, SessionGrid.StorageName)] IPersistentState<ProbeState> state) : Grain, IStorageProbeGrain
{
    public Task ProbeAsync() => state.ReadStateAsync();
}
