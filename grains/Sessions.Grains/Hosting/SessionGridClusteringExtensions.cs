using Microsoft.Extensions.Configuration;

namespace Sessions.Grains.Hosting;

/// <summary>How a grid silo finds the rest of its cluster.</summary>
public static class SessionGridClusteringExtensions
{
    /// <summary>
    /// Clusters the silo as <c>Sessions:Cluster</c> says (see <see cref="ClusterIdentityOptions"/>): localhost
    /// clustering on the configured ports, with the fixed service id every stored row is keyed by.
    /// </summary>
    /// <exception cref="InvalidOperationException">The section is invalid; the message names the key.</exception>
    public static ISiloBuilder UseSessionGridClustering(this ISiloBuilder silo)
    {
        var cluster = silo.Configuration.GetSection(ClusterIdentityOptions.Section).Get<ClusterIdentityOptions>() ?? new();
        Validate(cluster);
        return silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
    }

    private static void Validate(ClusterIdentityOptions cluster)
    {
        if (string.IsNullOrWhiteSpace(cluster.ServiceId) || string.IsNullOrWhiteSpace(cluster.ClusterId))
        {
            throw new InvalidOperationException("Sessions:Cluster:ServiceId and Sessions:Cluster:ClusterId must not be empty.");
        }

        if (cluster.SiloPort is < 1 or > 65535 || cluster.GatewayPort is < 1 or > 65535 || cluster.SiloPort == cluster.GatewayPort)
        {
            throw new InvalidOperationException(
                $"Sessions:Cluster:SiloPort ({cluster.SiloPort}) and GatewayPort ({cluster.GatewayPort}) must be distinct ports in 1-65535.");
        }
    }
}
