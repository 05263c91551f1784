using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sessions.Grains.Hosting;

namespace Sessions.Bench.Micro.Grid;

/// <summary>
/// The grid's own silo (<c>silo/</c>, its Release build) in a process of its own, and in this process an Orleans
/// client of its gateway built as a front end in <c>Sessions:Web:Silo=External</c> mode builds it. A grain call
/// then crosses loopback TCP twice, as in the <c>cluster</c> design of bench/run. The silo is stopped by its PID.
/// </summary>
internal sealed class SeparateSilo : IAsyncDisposable
{
    private readonly Process _silo;
    private readonly IHost _client;
    private readonly string _directory;

    private SeparateSilo(Process silo, IHost client, string directory)
    {
        _silo = silo;
        _client = client;
        _directory = directory;
        Grains = client.Services.GetRequiredService<IClusterClient>();
    }

    public IGrainFactory Grains { get; }

    public static async Task<SeparateSilo> StartAsync()
    {
        var silo = RepositoryRoot.Find("silo/bin/Release/net10.0/Sessions.Silo.dll");
        var directory = GridSettings.NewDataDirectory();
        var gatewayPort = GridSettings.FreePort();
        var settings = GridSettings.For(directory, GridSettings.FreePort(), gatewayPort, GridSettings.NewGridKey());
        settings["Sessions:Silo:ManagementUrls"] = $"http://127.0.0.1:{GridSettings.FreePort().ToString(CultureInfo.InvariantCulture)}";

        var start = new ProcessStartInfo("dotnet", [silo])
        {
            WorkingDirectory = Path.GetDirectoryName(silo)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The silo did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { } text) { Console.Error.WriteLine("silo: " + text); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitForGatewayAsync(process, gatewayPort);
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                DisableDefaults = true,
                EnvironmentName = "Production",
                ContentRootPath = directory,
            });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(console => console.SingleLine = true);
            builder.UseOrleansClient(client => client.UseSessionGridClustering());
            var client = builder.Build();
            await client.StartAsync();
            return new SeparateSilo(process, client, directory);
        }
        catch
        {
            process.Kill();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _client.StopAsync();
            _client.Dispose();
        }
        finally
        {
            if (!_silo.HasExited)
            {
                _silo.Kill();
                await _silo.WaitForExitAsync();
            }

            _silo.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task WaitForGatewayAsync(Process silo, int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (silo.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with {silo.ExitCode} before its gateway opened.");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException("The silo's gateway did not open within 90 s.");
    }
}
