using System.Diagnostics;
using System.Globalization;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>The web front end as an operator runs it (its co-hosted silo on a SQLite file), in its own process on a
/// loopback port, so a test can kill it the way a machine dies (SIGKILL) and start it again on the same data.</summary>
public sealed class LifecycleWebProcess : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private readonly Process _process;

    private LifecycleWebProcess(Process process, int port)
    {
        _process = process;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    /// <summary>Starts the front end with <paramref name="settings"/> (its data directory among them) and waits until it is ready.</summary>
    public static async Task<LifecycleWebProcess> StartAsync(TestSettings settings)
    {
        var port = FreePorts.Next();
        settings.WithClusterPorts();
        settings["Logging:LogLevel:Default"] = "Warning";
        var process = GridProcesses.StartDrained(GridProcesses.StartInfo(
            "web", "Sessions.Web.dll", settings, "--urls", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")));
        var web = new LifecycleWebProcess(process, port);
        using var probe = web.NewClient();
        Assert.True(await GridProcesses.AnswersEventuallyAsync(probe, "/readyz", StartLimit), "the front end did not become ready");
        return web;
    }

    /// <summary>A client without cookies.</summary>
    public HttpClient NewClient() => new() { BaseAddress = Address };

    /// <summary>SIGKILL, and waits until the process is gone (its SQLite lock released with it).</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
