using System.Diagnostics;
using System.Runtime.InteropServices;
using Npgsql;

[assembly: AssemblyFixture(typeof(Sessions.Tests.Infrastructure.PostgresServer))]

namespace Sessions.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the test run, started on first use: <c>initdb</c> into a temporary directory,
/// <c>pg_ctl start</c> on a free loopback port with its unix socket in that directory, and stopped by process id when
/// the run ends (pass or fail). It trades durability for speed (fsync off): what the tests check is what the grid
/// acknowledges, not whether PostgreSQL survives a power cut. Each test takes its own database.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string Superuser = "grid";
    private const int SignalInterrupt = 2;
    private const int SignalKill = 9;

    private readonly SemaphoreSlim _startLock = new(1, 1);
    private string? _root;
    private int _port;
    private int _processId;

    /// <summary>A new empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        await EnsureStartedAsync();
        var name = $"t{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_processId != 0)
        {
            await StopAsync(_processId);
        }

        if (_root is not null)
        {
            Directory.Delete(_root, recursive: true);
        }

        _startLock.Dispose();
    }

    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _port,
        Database = database,
        Username = Superuser,
        // Short pools: many clusters come and go in one run.
        MaxPoolSize = 20,
        ConnectionIdleLifetime = 10,
    }.ToString();

    private async Task EnsureStartedAsync()
    {
        await _startLock.WaitAsync();
        try
        {
            if (_processId == 0)
            {
                await StartAsync();
            }
        }
        finally
        {
            _startLock.Release();
        }
    }

    private async Task StartAsync()
    {
        var bin = BinaryDirectory();
        _root = Directory.CreateTempSubdirectory("sessions-pg-").FullName;
        var data = Path.Combine(_root, "data");
        var owner = await ServerUserAsync();
        if (owner is not null)
        {
            await RunAsync("chown", [owner, _root]);
        }

        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--no-sync"], owner);
        _port = FreePorts.Next();
        string[] settings =
        [
            "-c listen_addresses=127.0.0.1", $"-p {_port}", $"-k {_root}", "-c fsync=off", "-c synchronous_commit=off",
            "-c full_page_writes=off", "-c max_connections=300",
        ];
        await RunAsync(Path.Combine(bin, "pg_ctl"),
            ["start", "-w", "-t", "60", "-D", data, "-l", Path.Combine(_root, "server.log"), "-o", string.Join(' ', settings)], owner);

        // postmaster.pid: the first line is the server's process id.
        _processId = int.Parse((await File.ReadAllLinesAsync(Path.Combine(data, "postmaster.pid")))[0]);
    }

    /// <summary>PostgreSQL refuses to run as root: then the server runs as the <c>postgres</c> account the Debian
    /// package creates.</summary>
    private static async Task<string?> ServerUserAsync()
    {
        if (Environment.UserName != "root")
        {
            return null;
        }

        return await RunAsync("id", ["-u", "postgres"], check: false) == 0 ? "postgres" : "nobody";
    }

    private static string BinaryDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")));
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var version) ? version : 0)
                .FirstOrDefault()
            : null;
        return onPath ?? debian ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found; scripts/prerequisites installs them.");
    }

    private static async Task StopAsync(int processId)
    {
        // SIGINT is PostgreSQL's "fast shutdown": it ends sessions and exits cleanly.
        _ = Kill(processId, SignalInterrupt);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (IsRunning(processId) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        if (IsRunning(processId))
        {
            _ = Kill(processId, SignalKill);
        }
    }

    /// <summary>kill(2): .NET can only SIGKILL a process, and the kill program may not be installed.</summary>
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int processId, int signal);

    /// <summary>Whether the process lives. The server is not our child, so once it exits it may linger as a zombie
    /// until something reaps it: /proc tells the two apart.</summary>
    private static bool IsRunning(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static Task<int> RunAsync(string program, string[] arguments, string? user) =>
        user is null
            ? RunAsync(program, arguments)
            : RunAsync("setpriv", ["--reuid", user, "--regid", user, "--init-groups", "--", program, .. arguments]);

    private static async Task<int> RunAsync(string program, string[] arguments, bool check = true)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }

        return process.ExitCode;
    }
}
