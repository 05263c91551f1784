using System.Runtime.InteropServices;

namespace Sessions.Bench.Chaos;

/// <summary>
/// The chaos monkey's hand: sends a silo SIGKILL or SIGTERM, recording the moment just before, then watches the
/// membership table (every 100 ms) and records when the silo is first suspected and when it is declared dead, and,
/// after SIGTERM, when the process has exited. The kill time is exact; the membership times are at most one poll
/// late.
/// </summary>
internal static class SignalCommand
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task<int> RunAsync(Arguments arguments)
    {
        var pid = arguments.Int("pid", 0);
        var silo = arguments.Int("silo", 0);
        var siloPort = arguments.Int("silo-port", 0);
        var kill = arguments.Required("signal") switch
        {
            "KILL" => true,
            "TERM" => false,
            var other => throw new ArgumentException($"--signal KILL or TERM, not {other}."),
        };
        using var events = new JsonLines<MembershipEvent>(arguments.Required("events"), ChaosJson.Default.MembershipEvent);
        await using var membership = new MembershipTable(arguments.Required("connection"));

        var sentAt = MonotonicClock.Now();
        if (Kill(pid, kill ? 9 : 15) != 0)
        {
            await Console.Error.WriteLineAsync($"chaos: kill({pid}) failed: errno {Marshal.GetLastPInvokeError()}");
            return 1;
        }

        events.Write(new MembershipEvent { At = sentAt, Kind = kill ? "kill" : "stop", Silo = silo, Pid = pid });
        var deadline = sentAt + MonotonicClock.Ticks(arguments.Number("watch-seconds", 120));
        bool suspected = false, dead = false, exited = kill;
        while (!(dead && exited) && MonotonicClock.Now() < deadline)
        {
            await Task.Delay(Poll);
            var now = MonotonicClock.Now();
            if (!exited && !IsRunning(pid))
            {
                exited = true;
                events.Write(new MembershipEvent { At = now, Kind = "exited", Silo = silo, Pid = pid });
            }

            if (!dead && await ReadAsync(membership, siloPort) is var (status, suspect))
            {
                if (suspect && !suspected)
                {
                    suspected = true;
                    events.Write(new MembershipEvent { At = now, Kind = "suspected", Silo = silo, Pid = pid });
                }

                if (status == MembershipTable.Dead)
                {
                    dead = true;
                    events.Write(new MembershipEvent { At = now, Kind = "dead", Silo = silo, Pid = pid });
                }
            }
        }

        if (!dead)
        {
            events.Write(new MembershipEvent { At = MonotonicClock.Now(), Kind = "undetected", Silo = silo, Pid = pid });
        }

        return 0;
    }

    /// <summary>The silo's row, or null while it cannot be read (a busy database is not a reason to stop watching).</summary>
    private static async Task<(int Status, bool Suspected)?> ReadAsync(MembershipTable membership, int siloPort)
    {
        try
        {
            return await membership.ReadAsync(siloPort);
        }
        catch (Npgsql.NpgsqlException)
        {
            return null;
        }
    }

    /// <summary>Whether the process lives: it is not ours (the driver started it), so once it exits it may linger as a
    /// zombie until the driver reaps it; /proc tells the two apart.</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>kill(2): .NET can only SIGKILL, and only a process it started; the driver started this one.</summary>
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
