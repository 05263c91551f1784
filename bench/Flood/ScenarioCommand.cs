using System.Diagnostics;
using System.Globalization;

namespace Sessions.Bench.Flood;

/// <summary>
/// One scenario: the flood starts, settles, and then the window opens: "measuring" is printed (bench/flood starts
/// the validation load and reads the CPU counters then), the probes run until it closes, the legitimate sign-ins
/// still in flight are awaited (they were sent during the flood), the flood stops, and one line
/// "RESULT key=value ..." says what happened in the window (and the CPU this process took in it: a process that
/// has just exited is no longer there for bench/flood to read).
/// </summary>
internal static class ScenarioCommand
{
    public static async Task<int> RunAsync(Arguments arguments)
    {
        var server = new Uri(arguments.Required("base"));
        var kind = arguments.Required("kind");
        var connections = arguments.Int("connections", 0);
        var accounts = Account.Read(arguments.Required("accounts"));
        var window = new MeasuredWindow(arguments.Seconds("settle", 3), arguments.Seconds("window", 10));

        using var stop = new CancellationTokenSource();
        var flooder = kind == "quiet"
            ? null
            : new Flooder(server, arguments.Address("flood-from", "127.0.0.1"), connections,
                FloodRequests.For(kind, accounts, arguments.Text("slice", string.Empty)), window);
        var flooding = flooder?.RunAsync(stop.Token) ?? Task.CompletedTask;

        var rate = double.Parse(arguments.Text("health-rate", "20"), CultureInfo.InvariantCulture);
        var health = arguments.Texts("health").Select(url => new HealthProbe(new Uri(url), rate, window)).ToList();
        var signIns = new SignInProbe(server, accounts.Where(a => a.Role == "probe").ToList(),
            (byte)arguments.Int("legit-network", 1), arguments.Seconds("legit-every", 2), window);

        await window.UntilOpenAsync();
        Console.WriteLine("measuring");
        var cpuAtOpen = Process.GetCurrentProcess().TotalProcessorTime;
        var probing = Task.WhenAll(health.Select(probe => probe.RunAsync()).Append(signIns.RunAsync()));
        await window.UntilClosedAsync();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtOpen;
        var inFlightAtClose = flooder?.InFlight ?? 0;
        await probing;
        await stop.CancelAsync();
        await flooding;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {Result(kind, connections, window, flooder, health, signIns)} flood_in_flight_at_close={inFlightAtClose} tool_cpu_ms={cpu.TotalMilliseconds:F0}"));
        return 0;
    }

    private static string Result(string kind, int connections, MeasuredWindow window, Flooder? flooder, List<HealthProbe> health, SignInProbe signIns)
    {
        var fields = new List<string> { $"kind={kind}", $"connections={connections}" };
        if (flooder is not null)
        {
            var answers = flooder.Answers.Total;
            fields.Add(string.Create(CultureInfo.InvariantCulture,
                $"flood_sent={flooder.Sent} flood_answers={answers} flood_rate={answers / window.Length.TotalSeconds:F1}"));
            fields.Add($"flood_statuses={flooder.Answers.Describe()} {flooder.Latencies.Describe("flood")}");
        }

        for (var i = 0; i < health.Count; i++)
        {
            fields.Add($"health{i}_url={health[i].Url} health{i}_statuses={health[i].Answers.Describe()} {health[i].Latencies.Describe($"health{i}")}");
        }

        fields.Add(string.Create(CultureInfo.InvariantCulture,
            $"legit_ok={signIns.Answers.Of("200")} legit_statuses={signIns.Answers.Describe()} {signIns.Latencies.Describe("legit")}"));
        return string.Join(' ', fields);
    }
}
