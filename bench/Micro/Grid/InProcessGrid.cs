using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Hosting;

namespace Sessions.Bench.Micro.Grid;

/// <summary>
/// The real grid co-hosted in this process, built as the embedded front end builds it
/// (<c>UseSessionGridClustering().AddSessionGrid()</c> from <c>Sessions:*</c> keys) on SQLite in a temporary
/// directory. <see cref="Grains"/> is the co-hosted grain factory the front end's <c>UserGrains</c> wraps.
/// </summary>
internal sealed class InProcessGrid : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _directory;

    private InProcessGrid(IHost host, string directory)
    {
        _host = host;
        _directory = directory;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        Codec = host.Services.GetRequiredService<TokenCodec>();
    }

    public IGrainFactory Grains { get; }

    /// <summary>The grid's token codec (the key ring from configuration), as the front end's handler uses it.</summary>
    public TokenCodec Codec { get; }

    public static async Task<InProcessGrid> StartAsync()
    {
        var directory = GridSettings.NewDataDirectory();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = "Production",
            ContentRootPath = directory,
        });
        builder.Configuration.AddInMemoryCollection(GridSettings.For(
            directory, GridSettings.FreePort(), GridSettings.FreePort(), GridSettings.NewGridKey()));
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(console => console.SingleLine = true);
        builder.UseOrleans(silo => silo.UseSessionGridClustering().AddSessionGrid());
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessGrid(host, directory);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _host.StopAsync(stopping.Token);
        }
        finally
        {
            _host.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
