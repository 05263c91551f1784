using System.Diagnostics;
using System.Globalization;

namespace Sessions.Tests.Infrastructure;

/// <summary>A silo as an operator runs it: the real <c>silo/</c> program in its own process, on its own silo,
/// gateway and management ports, so a test can kill it the way a machine dies (SIGKILL: no shutdown, no goodbye to
/// the cluster, its sockets closed by the kernel).</summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly HttpClient _management;

    private SiloProcess(Process process, int siloPort, int managementPort)
    {
        _process = process;
        SiloPort = siloPort;
        _management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{managementPort}") };
    }

    /// <summary>The silo-to-silo port: with the address, what names this silo in the membership table.</summary>
    public int SiloPort { get; }

    /// <summary>Starts a silo configured by <paramref name="settings"/> (the cluster's) on free ports.</summary>
    public static SiloProcess Start(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new TestSettings().WithClusterPorts().With(settings);
        var managementPort = FreePorts.Next();
        configuration["Sessions:Silo:ManagementUrls"] = $"http://127.0.0.1:{managementPort}";
        configuration["Logging:LogLevel:Default"] = "Warning";
        var process = GridProcesses.StartDrained(GridProcesses.StartInfo("silo", "Sessions.Silo.dll", configuration));
        return new SiloProcess(process, int.Parse(configuration["Sessions:Cluster:SiloPort"]!, CultureInfo.InvariantCulture), managementPort);
    }

    /// <summary>Whether the silo became ready (an active member that reads storage) within <paramref name="within"/>.</summary>
    public Task<bool> BecomesReadyAsync(TimeSpan within) => GridProcesses.AnswersEventuallyAsync(_management, "/readyz", within);

    /// <summary>SIGKILL.</summary>
    public void Kill() => _process.Kill();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
        _management.Dispose();
    }
}
