using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Sessions.Tests.Infrastructure;

/// <summary>
/// One of the Node tools in tests/idp (tests/idp/README.md): a server started as a child process, ready once it printed
/// its one JSON line, its stderr drained, stopped by its process id when disposed; or a one-shot tool run to its end.
/// The tools' npm packages are installed by scripts/prerequisites.
/// </summary>
public sealed class NodeTool : IAsyncDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _stderr;

    private NodeTool(Process process, StringBuilder stderr, JsonElement ready)
    {
        _process = process;
        _stderr = stderr;
        Ready = ready;
    }

    /// <summary>The directory of the tools.</summary>
    public static string Directory => Path.Combine(RepositoryPaths.Root(), "tests", "idp");

    /// <summary>The tool's ready line.</summary>
    public JsonElement Ready { get; }

    /// <summary>The ready line's <c>url</c>.</summary>
    public string Url => Ready.GetProperty("url").GetString()!;

    /// <summary>What the tool wrote to stderr so far.</summary>
    public string Log
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="tool"/> (e.g. <c>jwks-server.mjs</c>) and waits for its ready line.</summary>
    public static async Task<NodeTool> StartAsync(string tool, params string[] arguments)
    {
        var start = StartInfo(tool, arguments);
        start.RedirectStandardInput = true;
        start.Environment["IDP_WATCH_STDIN"] = "1";   // the tool exits when this process dies and its stdin closes
        var stderr = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"node {tool} did not start.");
        process.ErrorDataReceived += (_, line) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(line.Data);
            }
        };
        process.BeginErrorReadLine();
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(StartupLimit);
            var ready = line is null ? default : JsonDocument.Parse(line).RootElement.Clone();
            if (line is null || !ready.GetProperty("ready").GetBoolean() || ready.GetProperty("pid").GetInt32() != process.Id)
            {
                throw new InvalidOperationException($"node {tool} did not get ready: {line}\n{stderr}");
            }

            return new NodeTool(process, stderr, ready);
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    /// <summary>Runs the one-shot <paramref name="tool"/> (e.g. <c>sign.mjs</c>) with <paramref name="input"/> on stdin
    /// and returns its one line of output.</summary>
    public static async Task<string> RunAsync(string tool, string? input, params string[] arguments)
    {
        var start = StartInfo(tool, arguments);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"node {tool} did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input ?? string.Empty);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(StartupLimit);
        return process.ExitCode == 0
            ? output.Trim()
            : throw new InvalidOperationException($"node {tool} exited {process.ExitCode}: {await stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string tool, string[] arguments)
    {
        if (!System.IO.Directory.Exists(Path.Combine(Directory, "node_modules")))
        {
            throw new InvalidOperationException("tests/idp/node_modules is missing: run scripts/prerequisites (or npm ci in tests/idp).");
        }

        return new ProcessStartInfo("node", [Path.Combine(Directory, tool), .. arguments])
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
    }

    // By the process id this object holds, never by name.
    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
        }
    }
}
