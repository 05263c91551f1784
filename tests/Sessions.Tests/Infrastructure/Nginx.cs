using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Sessions.Tests.Infrastructure;

/// <summary>
/// A real nginx (Debian's, installed by scripts/prerequisites) run by a test: a generated configuration in a
/// temporary directory that also holds its pid file, logs and temp paths; one process (no master/worker split) on a
/// loopback port, stopped by its process id when disposed (and its directory removed).
/// </summary>
public sealed class Nginx : IDisposable
{
    public const string Executable = "/usr/sbin/nginx";

    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(15);

    private readonly Process _process;

    private Nginx(Process process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The directory with nginx.conf, the logs and the temp paths.</summary>
    public string Directory { get; }

    public Uri Address { get; }

    public int Port => Address.Port;

    public string ErrorLog => File.Exists(Path.Combine(Directory, "error.log")) ? ReadShared(Path.Combine(Directory, "error.log")) : string.Empty;

    /// <summary>Starts nginx with <paramref name="serverBlock"/> (which must listen on <paramref name="port"/>) and
    /// waits until it accepts connections.</summary>
    public static async Task<Nginx> StartAsync(int port, string serverBlock)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("sessions-nginx-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), Configuration(directory, serverBlock));
        var start = new ProcessStartInfo(Executable)
        {
            ArgumentList = { "-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-e", Path.Combine(directory, "error.log"), "-g", "daemon off;" },
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start.");
        var nginx = new Nginx(process, directory, port);
        try
        {
            await nginx.WaitUntilListeningAsync();
            return nginx;
        }
        catch
        {
            nginx.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            _process.Dispose();
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartupLimit)
        {
            if (_process.HasExited)
            {
                var stderr = await _process.StandardError.ReadToEndAsync();
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {stderr}\n{ErrorLog}");
            }

            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                // Not listening yet: a bounded poll of an external process, not a sleep in a test.
                await Task.Delay(TimeSpan.FromMilliseconds(25));
            }
        }

        throw new TimeoutException($"nginx did not listen on port {Port} within {StartupLimit}.\n{ErrorLog}");
    }

    private static string Configuration(string directory, string serverBlock) => string.Format(
        CultureInfo.InvariantCulture,
        """
        # Test-only process settings: one process in the foreground, every file inside {0}.
        master_process off;
        pid {0}/nginx.pid;
        error_log {0}/error.log info;

        events {{
            worker_connections 256;
        }}

        http {{
            access_log {0}/access.log;
            client_body_temp_path {0}/client_body;
            proxy_temp_path {0}/proxy;
            fastcgi_temp_path {0}/fastcgi;
            uwsgi_temp_path {0}/uwsgi;
            scgi_temp_path {0}/scgi;

        {1}
        }}

        """,
        directory,
        string.Join('\n', serverBlock.Split('\n').Select(line => line.Length == 0 ? line : "    " + line)));

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
