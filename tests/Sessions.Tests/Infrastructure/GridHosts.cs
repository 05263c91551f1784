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
        var builder = Create(new TestSettings().WithClusterPorts().With(settings));
        builder.UseOrleans(silo => silo.UseSessionGridClustering().AddSessionGrid());
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    /// <summary>Starts an Orleans client of the grid configured by <paramref name="settings"/>.</summary>
    public static async Task<IHost> StartClientAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Create(new TestSettings().With(settings));
        builder.UseOrleansClient(client => client.UseSessionGridClustering());
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    private static HostApplicationBuilder Create(TestSettings settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(settings.Values);
        return builder;
    }
}
