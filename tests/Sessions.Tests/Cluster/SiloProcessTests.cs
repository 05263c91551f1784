using System.Diagnostics;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Cluster;

/// <summary>The silo as an operator runs it: a real process that cannot start says why in one line and exits 1.</summary>
public sealed class SiloProcessTests
{
    private const string DatabasePassword = "never-logged-7f3a";

    /// <summary>How long a silo process may take to become ready: it starts in real time.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ASiloWhoseDatabaseCannotBeReachedSaysSoAndExitsWithOne()
    {
        var port = FreePorts.Next();

        var (exitCode, output) = await RunSiloAsync($"Host=127.0.0.1;Port={port};Database=sessions;Username=grid;Password={DatabasePassword}");

        Assert.Equal(1, exitCode);
        Assert.Single(output, line => line.Contains(
            $"The silo cannot start: Cannot use the PostgreSQL database 127.0.0.1:{port}/sessions (Sessions:Storage:ConnectionString)",
            StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.Contains(DatabasePassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASiloWithAMalformedConnectionStringNamesTheKeyAndExitsWithOne()
    {
        var (exitCode, output) = await RunSiloAsync($"Hots=127.0.0.1;Password={DatabasePassword}");

        Assert.Equal(1, exitCode);
        Assert.Single(output, line => line.Contains(
            "The silo cannot start: Sessions:Storage:ConnectionString is not a valid PostgreSQL connection string", StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.Contains(DatabasePassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARunningSiloAnswersLivenessReadinessAndMetricsOnItsManagementPortAndStopsCleanly()
    {
        var management = FreePorts.Next();
        using var process = GridProcesses.StartDrained(SiloStart(management));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{management}") };
        try
        {
            Assert.True(await GridProcesses.AnswersEventuallyAsync(http, "/readyz", StartLimit));

            var live = await http.GetAsync("/healthz");
            var metrics = await http.GetStringAsync("/metrics");
            using (var terminate = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await terminate.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            await process.WaitForExitAsync(TestContext.Current.CancellationToken);

            Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
            Assert.Contains("orleans_", metrics, StringComparison.Ordinal);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task ASecondSiloProcessOnTheSameSqliteFileIsRefused()
    {
        var data = Directory.CreateTempSubdirectory("sessions-silo-").FullName;
        var management = FreePorts.Next();
        using var first = GridProcesses.StartDrained(SiloStart(management, new() { ["Sessions:Storage:DataDirectory"] = data }));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{management}") };
        try
        {
            Assert.True(await GridProcesses.AnswersEventuallyAsync(http, "/readyz", StartLimit));

            var (exitCode, output) = await RunAsync(SiloStart(FreePorts.Next(), new() { ["Sessions:Storage:DataDirectory"] = data }));

            Assert.Equal(1, exitCode);
            Assert.Single(output, line => line.Contains("The silo cannot start: Another process is using the SQLite file", StringComparison.Ordinal));
            Assert.True((await http.GetAsync("/readyz")).IsSuccessStatusCode);
        }
        finally
        {
            first.Kill(entireProcessTree: true);
        }
    }

    private static ProcessStartInfo SiloStart(int managementPort, Dictionary<string, string?>? settings = null)
    {
        var configuration = new TestSettings().WithClusterPorts();
        configuration["Sessions:Silo:ManagementUrls"] = $"http://127.0.0.1:{managementPort}";
        configuration["Logging:Console:FormatterName"] = "simple";
        configuration["Logging:Console:FormatterOptions:SingleLine"] = "true";
        return GridProcesses.StartInfo("silo", "Sessions.Silo.dll", configuration.With(settings));
    }

    private static async Task<(int ExitCode, List<string> Output)> RunSiloAsync(string connectionString)
    {
        var start = SiloStart(FreePorts.Next(), new()
        {
            ["Sessions:Storage:Provider"] = "PostgreSQL",
            ["Sessions:Storage:ConnectionString"] = connectionString,
            ["Sessions:Cluster:Membership"] = "PostgreSQL",
        });
        return await RunAsync(start);
    }

    private static async Task<(int ExitCode, List<string> Output)> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = new List<string>();
        var reading = Task.WhenAll(ReadAllAsync(process.StandardOutput, output), ReadAllAsync(process.StandardError, output));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await reading;
        return (process.ExitCode, output);
    }

    private static async Task ReadAllAsync(StreamReader reader, List<string> lines)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }
}
