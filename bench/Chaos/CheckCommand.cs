namespace Sessions.Bench.Chaos;

/// <summary>
/// The history checker: reads every client's history and the timeline, finds the violations, measures validation
/// availability of live credentials overall, outside and inside the kill windows, and what each stop and kill cost;
/// writes the report (after the header the driver prepared) and prints its summary line.
/// </summary>
internal static class CheckCommand
{
    public static int Run(Arguments arguments)
    {
        if (!PlantedViolations.AreAllFound(out var planted))
        {
            Console.Error.WriteLine($"chaos: the checker found {planted} violations planted in a made-up history; it cannot be trusted.");
            return 1;
        }

        var entries = JsonLines<HistoryEntry>.Read(Files(arguments.Required("histories")), ChaosJson.Default.HistoryEntry).ToList();
        var timeline = JsonLines<MembershipEvent>.Read(Files(arguments.Required("events")), ChaosJson.Default.MembershipEvent)
            .OrderBy(e => e.At).ToList();
        var settleSeconds = arguments.Number("settle", 2);
        var settle = MonotonicClock.Ticks(settleSeconds);

        var users = entries.GroupBy(e => e.User, StringComparer.Ordinal).Select(g => new UserHistory(g.Key, g)).ToList();
        var violations = users.SelectMany(HistoryChecker.Check).ToList();
        var live = users.SelectMany(u => u.Validations.Where(v => Availability.IsOfLiveCredential(u, v)).Select(v => (u, v))).ToList();
        var disruptions = Disruption.From(timeline);
        var kills = disruptions.Where(d => d.IsKill).Select(d => (Start: d.SignalledAt, End: d.WindowEnd(settle))).ToList();

        Availability overall = new(), outside = new(), inside = new();
        foreach (var (_, validation) in live)
        {
            overall.Add(validation);
            (kills.Any(k => DisruptionImpact.Overlaps(validation, k.Start, k.End)) ? inside : outside).Add(validation);
        }

        var impacts = disruptions.Select(d => DisruptionImpact.Of(d, d.IsKill ? d.WindowEnd(settle) : (d.ExitedAt ?? d.WatchEndedAt) + settle, live)).ToList();
        var afterRevocation = users.SelectMany(u => u.Validations.Where(v => u.BearerOf(v) is { EndedBy: { } end } && end.Completed < v.Invoked)).ToList();
        var result = new ChaosResult(entries, users.Count, timeline, impacts, violations, overall, outside, inside,
            afterRevocation.Count, afterRevocation.Count(v => v.Outcome == Outcomes.Denied), arguments.Number("target", 99.9), settleSeconds, planted);

        var header = arguments.Text("header", string.Empty) is { Length: > 0 } path ? File.ReadAllText(path) : string.Empty;
        File.WriteAllText(arguments.Required("report"), header + ChaosReport.Write(result));
        Console.WriteLine(result.SummaryLine);
        return result.Passed ? 0 : 1;
    }

    private static string[] Files(string directory) => Directory.GetFiles(directory, "*.jsonl");
}
