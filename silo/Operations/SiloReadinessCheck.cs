using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sessions.Grains.Abstractions.Operations;

namespace Sessions.Silo.Operations;

/// <summary>Ready when this silo is an active member of its cluster and a grain can read grain storage.</summary>
internal sealed class SiloReadinessCheck(IClusterMembershipService membership, ILocalSiloDetails silo, IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        if (status != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"This silo is {status}, not an active cluster member.");
        }

        try
        {
            await grains.GetGrain<IStorageProbeGrain>(IStorageProbeGrain.Key).ProbeAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy("Active, and storage answers.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Storage did not answer ({exception.GetType().Name}).");
        }
    }
}
