using System.Diagnostics;
using System.Net;

namespace Sessions.Tests.Infrastructure;

/// <summary>The repository's own programs (the silo, the web front end) as real processes: each runs from its own
/// build output, configured through environment variables from <see cref="TestSettings"/>, as an operator runs it.</summary>
public static class GridProcesses
{
    /// <summary>How to start <paramref name="assembly"/> of <paramref name="project"/> (e.g. <c>silo</c>,
    /// <c>Sessions.Silo.dll</c>) with <paramref name="settings"/>, its output redirected.</summary>
    public static ProcessStartInfo StartInfo(string project, string assembly, TestSettings settings, params string[] arguments)
    {
        var output = RepositoryPaths.OutputOf(project);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(output, assembly), .. arguments])
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in settings.AsEnvironment())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Starts a process whose output the test does not read: it is drained, so a full pipe never stalls it.</summary>
    public static Process StartDrained(ProcessStartInfo start)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls <paramref name="path"/> until it answers <paramref name="status"/> (any success when null), for
    /// at most <paramref name="within"/>: a process starts, and a client finds a gateway, in real time.</summary>
    public static async Task<bool> AnswersEventuallyAsync(HttpClient http, string path, TimeSpan within, HttpStatusCode? status = null)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within)
        {
            try
            {
                var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
                if (status is null ? response.IsSuccessStatusCode : response.StatusCode == status)
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
}
