using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Sessions.Grains.Hosting;

namespace Sessions.Tests.Infrastructure;

/// <summary>Silos and clients as the real processes build them (same extensions, real sockets on loopback), in this
/// process so a test can start, stop and inspect them.</summary>
public static class GridHosts
{
    /// <summary>Starts a silo configured by <paramref name="settings"/> on free ports.</summary>
    public static async Task<IHost> StartSiloAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Create(settings, new Dictionary<string, string?>
        {
            ["Sessions:Cluster:SiloPort"] = PostgresServer.FreePort().ToString(),
            ["Sessions:Cluster:GatewayPort"] = PostgresServer.FreePort().ToString(),
            ["Sessions:GridKeys:Keys:1"] = GridCluster.TestGridKey,
            ["Sessions:PasswordHashing:IterationCount"] = "1000",
        });
        builder.UseOrleans(silo => silo.UseSessionGridClustering().AddSessionGrid());
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    /// <summary>Starts an Orleans client of the grid configured by <paramref name="settings"/>.</summary>
    public static async Task<IHost> StartClientAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Create(settings, new Dictionary<string, string?>());
        builder.UseOrleansClient(client => client.UseSessionGridClustering());
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    private static HostApplicationBuilder Create(IReadOnlyDictionary<string, string?> settings, Dictionary<string, string?> defaults)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });
        foreach (var (key, value) in settings)
        {
            defaults[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(defaults);
        return builder;
    }
}
