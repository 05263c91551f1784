using System.Diagnostics;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Cluster;

/// <summary>The silo as an operator runs it: a real process that cannot start says why in one line and exits 1.</summary>
public sealed class SiloProcessTests
{
    private const string Password = "never-logged-7f3a";

    [Fact]
    public async Task ASiloWhoseDatabaseCannotBeReachedSaysSoAndExitsWithOne()
    {
        var port = PostgresServer.FreePort();

        var (exitCode, output) = await RunSiloAsync($"Host=127.0.0.1;Port={port};Database=sessions;Username=grid;Password={Password}");

        Assert.Equal(1, exitCode);
        Assert.Single(output, line => line.Contains(
            $"The silo cannot start: Cannot use the PostgreSQL database 127.0.0.1:{port}/sessions (Sessions:Storage:ConnectionString)",
            StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASiloWithAMalformedConnectionStringNamesTheKeyAndExitsWithOne()
    {
        var (exitCode, output) = await RunSiloAsync($"Hots=127.0.0.1;Password={Password}");

        Assert.Equal(1, exitCode);
        Assert.Single(output, line => line.Contains(
            "The silo cannot start: Sessions:Storage:ConnectionString is not a valid PostgreSQL connection string", StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.Contains(Password, StringComparison.Ordinal));
    }

    private static async Task<(int ExitCode, List<string> Output)> RunSiloAsync(string connectionString)
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
                ["Sessions__Storage__Provider"] = "PostgreSQL",
                ["Sessions__Storage__ConnectionString"] = connectionString,
                ["Sessions__Cluster__Membership"] = "PostgreSQL",
                ["Sessions__Cluster__SiloPort"] = PostgresServer.FreePort().ToString(),
                ["Sessions__Cluster__GatewayPort"] = PostgresServer.FreePort().ToString(),
                ["Sessions__GridKeys__Keys__1"] = GridCluster.TestGridKey,
                ["Logging__Console__FormatterName"] = "simple",
                ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            },
        };
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
