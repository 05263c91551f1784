using System.Diagnostics;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Cluster;

/// <summary>The silo as an operator runs it: a real process that cannot start says why in one line and exits 1.</summary>
public sealed class SiloProcessTests
{
    private const string DatabasePassword = "never-logged-7f3a";

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
        using var process = Process.Start(SiloStart(management, new()
        {
            ["Sessions__Storage__DataDirectory"] = Directory.CreateTempSubdirectory("sessions-silo-").FullName,
        }))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{management}") };
        try
        {
            Assert.True(await EventuallyOkAsync(http, "/readyz"));

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
        using var first = Process.Start(SiloStart(management, new() { ["Sessions__Storage__DataDirectory"] = data }))!;
        first.OutputDataReceived += (_, _) => { };
        first.ErrorDataReceived += (_, _) => { };
        first.BeginOutputReadLine();
        first.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{management}") };
        try
        {
            Assert.True(await EventuallyOkAsync(http, "/readyz"));

            var (exitCode, output) = await RunAsync(SiloStart(FreePorts.Next(), new() { ["Sessions__Storage__DataDirectory"] = data }));

            Assert.Equal(1, exitCode);
            Assert.Single(output, line => line.Contains("The silo cannot start: Another process is using the SQLite file", StringComparison.Ordinal));
            Assert.True((await http.GetAsync("/readyz")).IsSuccessStatusCode);
        }
        finally
        {
            first.Kill(entireProcessTree: true);
        }
    }

    private static ProcessStartInfo SiloStart(int managementPort, Dictionary<string, string> settings)
    {
        var silo = RepositoryPaths.OutputOf("silo");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(silo, "Sessions.Silo.dll")])
        {
            WorkingDirectory = silo,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["Sessions__Cluster__SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Sessions__Cluster__GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Sessions__Silo__ManagementUrls"] = $"http://127.0.0.1:{managementPort}",
                ["Sessions__GridKeys__Keys__1"] = TestSettings.GridKey,
                ["Logging__Console__FormatterName"] = "simple",
                ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            },
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>Polls for at most 60 s: the process starts in real time.</summary>
    private static async Task<bool> EventuallyOkAsync(HttpClient http, string path)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await http.GetAsync(path)).IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        return false;
    }

    private static async Task<(int ExitCode, List<string> Output)> RunSiloAsync(string connectionString)
    {
        var start = SiloStart(FreePorts.Next(), new()
        {
            ["Sessions__Storage__Provider"] = "PostgreSQL",
            ["Sessions__Storage__ConnectionString"] = connectionString,
            ["Sessions__Cluster__Membership"] = "PostgreSQL",
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
