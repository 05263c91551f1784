using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Sessions.Grains.Hosting;

/// <summary>How grid silos find their cluster and clients (front ends) find the silos' gateways.</summary>
public static class SessionGridClusteringExtensions
{
    /// <summary>
    /// Clusters the silo as <c>Sessions:Cluster</c> says (see <see cref="ClusterIdentityOptions"/>): with the fixed
    /// service id every stored row is keyed by, on the configured address and ports, and either alone on this machine
    /// (localhost, the default) or through the PostgreSQL membership table. Settings are validated when the host
    /// starts; a wrong one stops it with the key named.
    /// </summary>
    public static ISiloBuilder UseSessionGridClustering(this ISiloBuilder silo)
    {
        AddClusterIdentity(silo.Services, silo.Configuration);
        silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<ClusterIdentityOptions>>((endpoints, cluster) =>
        {
            endpoints.AdvertisedIPAddress = IPAddress.Parse(cluster.Value.AdvertisedAddress);
            endpoints.SiloPort = cluster.Value.SiloPort;
            endpoints.GatewayPort = cluster.Value.GatewayPort;
        });

        if (MembershipOf(silo.Configuration) != MembershipProvider.PostgreSQL)
        {
            // This silo is the primary of its own development cluster.
            return silo.UseDevelopmentClustering(primarySiloEndpoint: null);
        }

        silo.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringSiloOptions> options) => options
            .Configure<GridDataSources, IOptions<ClusterIdentityOptions>>((membership, sources, cluster) =>
            {
                membership.Invariant = SessionGrid.NpgsqlInvariant;
                membership.DataSource = sources.For(cluster.Value.ConnectionString!);
            }));
        if (UsesDistributedDirectory(silo.Configuration))
        {
            // Experimental in Orleans 10 (ORLEANSEXP003), chosen deliberately: it keeps one activation per user through
            // membership changes, where the default directory may briefly allow two (see StorageRecheck for
            // the defence that bounds a duplicate's staleness anyway). Rolled back by configuration.
#pragma warning disable ORLEANSEXP003
            silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        }

        return silo;
    }

    /// <summary>
    /// Points an Orleans client at the grid described by <c>Sessions:Cluster</c>: the localhost silo's gateway, or
    /// the gateways of the active silos in the PostgreSQL membership table.
    /// </summary>
    public static IClientBuilder UseSessionGridClustering(this IClientBuilder client)
    {
        AddClusterIdentity(client.Services, client.Configuration);
        if (MembershipOf(client.Configuration) != MembershipProvider.PostgreSQL)
        {
            return client.UseStaticClustering((OptionsBuilder<StaticGatewayListProviderOptions> options) => options
                .Configure<IOptions<ClusterIdentityOptions>>((gateways, cluster) => gateways.Gateways =
                [
                    new IPEndPoint(IPAddress.Parse(cluster.Value.AdvertisedAddress), cluster.Value.GatewayPort).ToGatewayUri(),
                ]));
        }

        return client.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringClientOptions> options) => options
            .Configure<GridDataSources, IOptions<ClusterIdentityOptions>>((membership, sources, cluster) =>
            {
                membership.Invariant = SessionGrid.NpgsqlInvariant;
                membership.DataSource = sources.For(cluster.Value.ConnectionString!);
            }));
    }

    private static void AddClusterIdentity(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<GridDataSources>();
        services.AddOptions<ClusterIdentityOptions>()
            .Bind(configuration.GetSection(ClusterIdentityOptions.Section))
            .PostConfigure(cluster =>
            {
                if (string.IsNullOrWhiteSpace(cluster.ConnectionString))
                {
                    cluster.ConnectionStringKey = $"{SessionStorageOptions.Section}:{nameof(SessionStorageOptions.ConnectionString)}";
                    cluster.ConnectionString = configuration[cluster.ConnectionStringKey];
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterIdentityOptions>, ClusterIdentityOptionsValidator>());
        services.AddOptions<ClusterOptions>().Configure<IOptions<ClusterIdentityOptions>>((orleans, cluster) =>
        {
            orleans.ServiceId = cluster.Value.ServiceId;
            orleans.ClusterId = cluster.Value.ClusterId;
        });
    }

    private static bool UsesDistributedDirectory(IConfiguration configuration) =>
        !bool.TryParse(configuration.GetSection(ClusterIdentityOptions.Section)[nameof(ClusterIdentityOptions.UseDistributedGrainDirectory)], out var use)
        || use;

    /// <summary>The membership kind, read when the host is built (it decides which services exist). An unknown value
    /// wires nothing special here; binding it at start then fails with the key named.</summary>
    private static MembershipProvider MembershipOf(IConfiguration configuration) =>
        Enum.TryParse<MembershipProvider>(
            configuration.GetSection(ClusterIdentityOptions.Section)[nameof(ClusterIdentityOptions.Membership)],
            ignoreCase: true,
            out var membership)
            ? membership
            : MembershipProvider.Localhost;
}
