using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sessions.Grains.Abstractions.Operations;

namespace Sessions.Web.Hosting;

/// <summary>Ready when a grain answers within two seconds and that grain could read grain storage.</summary>
internal sealed class GridReadinessCheck(IGrainFactory grains) : IHealthCheck
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IStorageProbeGrain>(IStorageProbeGrain.Key).ProbeAsync().WaitAsync(Deadline, cancellationToken);
            return HealthCheckResult.Healthy("Cluster and storage answer.");
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The cluster did not answer within 2 s.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The cluster or its storage failed ({exception.GetType().Name}).");
        }
    }
}
