using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sessions.Bench.Chaos;

/// <summary>The markdown body of a chaos report: result, timeline, operations, violations, availability, and what
/// each stop and kill cost. Times are seconds since the run's start on the shared monotonic clock.</summary>
internal static class ChaosReport
{
    private const int ViolationsListed = 50;
    private static readonly string[] OutcomeColumns = [Outcomes.Ok, Outcomes.Denied, Outcomes.Refused, Outcomes.Unavailable, Outcomes.Error];

    public static string Write(ChaosResult result)
    {
        var origin = result.Timeline.FirstOrDefault(e => e.Kind == "start")?.At ?? result.Entries.Select(e => e.Invoked).DefaultIfEmpty(0).Min();
        var report = new StringBuilder();
        Result(report, result);
        Timeline(report, result, origin);
        Operations(report, result);
        Violations(report, result, origin);
        Availability(report, result);
        Disruptions(report, result, origin);
        return report.ToString();
    }

    private static void Result(StringBuilder report, ChaosResult result)
    {
        report.Append(CultureInfo.InvariantCulture, $"""
            ## Result

            **{(result.Passed ? "PASS" : "FAIL")}**: {result.Violations.Count} violations (must be 0); validation availability of live credentials outside the kill windows {result.OutsideKills.Percent:F3}% over {result.OutsideKills.Validations:N0} validations (must be at least {result.Target}% over at least {ChaosResult.MinimumValidations:N0}).

            `{result.SummaryLine}`


            """);
    }

    private static void Timeline(StringBuilder report, ChaosResult result, long origin)
    {
        report.AppendLine("## Timeline of membership events").AppendLine();
        report.AppendLine("| s | event | silo | pid | note |").AppendLine("|---:|---|---:|---:|---|");
        foreach (var e in result.Timeline)
        {
            var signal = result.Timeline.LastOrDefault(s => s.Kind is "kill" or "stop" && s.Pid == e.Pid && s.At <= e.At && e.Kind is "suspected" or "dead" or "exited" or "undetected");
            var note = signal is null ? e.Detail ?? string.Empty : $"{Seconds(e.At - signal.At)} s after the {signal.Kind}";
            report.Append(CultureInfo.InvariantCulture, $"| {Seconds(e.At - origin)} | {Describe(e.Kind)} | {(e.Silo == 0 ? "" : e.Silo)} | {(e.Pid == 0 ? "" : e.Pid)} | {note} |").AppendLine();
        }

        report.AppendLine();
    }

    private static void Operations(StringBuilder report, ChaosResult result)
    {
        report.AppendLine("## Operations").AppendLine();
        report.Append(CultureInfo.InvariantCulture, $"{result.Entries.Count:N0} requests from {result.Entries.Select(e => e.Process).Distinct().Count()} client processes for {result.Users} users. ");
        report.AppendLine("ok: 2xx; denied: 401; refused: another 4xx (nothing changed); unavailable: 503 (could not decide, nothing allowed); error: no answer within 20 s, or another 5xx.").AppendLine();
        report.Append("| operation | total | ").AppendJoin(" | ", OutcomeColumns).AppendLine(" |");
        report.Append("|---|---:|").Append(string.Concat(OutcomeColumns.Select(_ => "---:|"))).AppendLine();
        foreach (var op in result.Entries.GroupBy(e => Label(e)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            report.Append(CultureInfo.InvariantCulture, $"| {op.Key} | {op.Count():N0} | ");
            report.AppendJoin(" | ", OutcomeColumns.Select(o => op.Count(e => e.Outcome == o).ToString("N0", CultureInfo.InvariantCulture))).AppendLine(" |");
        }

        report.AppendLine();
        report.Append(CultureInfo.InvariantCulture, $"Validations invoked after an acknowledged revocation or rotation of what they presented: {result.RevokedValidations:N0}, of which {result.RevokedRefused:N0} were refused (401)");
        report.AppendLine(result.RevokedValidations == result.RevokedRefused ? "." : "; the others were not accepted either unless listed as violations below.").AppendLine();
    }

    private static void Violations(StringBuilder report, ChaosResult result, long origin)
    {
        report.AppendLine("## Violations").AppendLine();
        report.Append(CultureInfo.InvariantCulture, $"Before this run's histories, the checker read a made-up history holding one violation of each kind and found {result.PlantedFound} (bench/Chaos/PlantedViolations.cs).").AppendLine().AppendLine();
        report.AppendLine("| violation | count |").AppendLine("|---|---:|");
        foreach (var kind in ViolationKinds.All)
        {
            report.Append(CultureInfo.InvariantCulture, $"| {kind} | {result.Violations.Count(v => v.Kind == kind)} |").AppendLine();
        }

        report.AppendLine();
        foreach (var violation in result.Violations.Take(ViolationsListed))
        {
            report.Append(CultureInfo.InvariantCulture, $"- **{violation.Kind}** ({violation.User}): {violation.What}.").AppendLine();
            foreach (var entry in violation.Evidence)
            {
                report.Append(CultureInfo.InvariantCulture, $"  - +{Seconds(entry.Invoked - origin)}..{Seconds(entry.Completed - origin)} s `{JsonSerializer.Serialize(entry, ChaosJson.Default.HistoryEntry)}`").AppendLine();
            }
        }

        if (result.Violations.Count > ViolationsListed)
        {
            report.Append(CultureInfo.InvariantCulture, $"- ... and {result.Violations.Count - ViolationsListed} more.").AppendLine();
        }

        report.AppendLine();
    }

    private static void Availability(StringBuilder report, ChaosResult result)
    {
        report.AppendLine("## Validation availability of live credentials").AppendLine();
        report.AppendLine("A validation counts when the credential it presented was issued before it was invoked and nothing that may end or replace it (a revocation covering it, a refresh of its session; answered or not) was invoked before its answer came. It is available when the answer was 200.");
        report.Append(CultureInfo.InvariantCulture, $"A kill's window runs from the SIGKILL to the moment the membership table declared the silo dead, plus {result.SettleSeconds:0.#} s for its users' grains to come back on the survivors; a validation is inside when it overlaps a window.").AppendLine().AppendLine();
        report.AppendLine("| validations | count | failed | availability | failures by answer |").AppendLine("|---|---:|---:|---:|---|");
        Row(report, "all", result.Overall);
        Row(report, "outside the kill windows", result.OutsideKills);
        Row(report, "inside the kill windows", result.InsideKills);
        report.AppendLine();
    }

    private static void Row(StringBuilder report, string name, Availability availability) =>
        report.Append(CultureInfo.InvariantCulture, $"| {name} | {availability.Validations:N0} | {availability.Failed:N0} | {availability.Percent:F3}% | {string.Join(", ", availability.FailuresByAnswer.OrderByDescending(f => f.Value).Select(f => $"{f.Key}: {f.Value}"))} |").AppendLine();

    private static void Disruptions(StringBuilder report, ChaosResult result, long origin)
    {
        report.AppendLine("## What each stop and kill cost").AppendLine();
        report.AppendLine("Per SIGTERM (stop) and SIGKILL (kill): when the membership table first suspected the silo and declared it dead, the window (a kill's: to the declaration plus the settling time; a stop's: to the process's exit plus the same), the validations of live credentials that overlapped it and how many failed, the longest one user's validations kept failing (first failed invocation to last failed answer of a run of consecutive failures), and the slowest answer.").AppendLine();
        report.AppendLine("| s | signal | silo | suspected after s | dead after s | exited after s | window s | validations | failed | longest unavailability s | slowest answer s |");
        report.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var impact in result.Impacts)
        {
            var d = impact.Disruption;
            report.Append(CultureInfo.InvariantCulture, $"| {Seconds(d.SignalledAt - origin)} | {d.Kind} | {d.Silo} | {After(d.SuspectedAt, d)} | {After(d.DeadAt, d)} | {After(d.ExitedAt, d)} | {Seconds(impact.WindowEnd - impact.WindowStart)} | {impact.Validations:N0} | {impact.Failed:N0} | {impact.LongestUnavailableSeconds:F2} | {impact.SlowestSeconds:F2} |").AppendLine();
        }

        report.AppendLine();
    }

    private static string After(long? at, Disruption d) => at is { } t ? Seconds(t - d.SignalledAt) : "—";

    private static string Seconds(long ticks) => MonotonicClock.Seconds(ticks).ToString("F1", CultureInfo.InvariantCulture);

    private static string Label(HistoryEntry entry) => entry.Op switch
    {
        "signin" => $"sign-in ({entry.Kind})",
        "validate" => $"validate ({entry.Kind}, front end {entry.FrontEnd + 1})",
        "revoke" => $"revoke one ({entry.Via})",
        "refresh" when entry.Via == "replay" => "refresh (replay of the token just rotated)",
        "soe" => "sign-out-everywhere",
        "password" => "password change",
        _ => entry.Op,
    };

    private static string Describe(string kind) => kind switch
    {
        "start" => "load started",
        "end" => "load stopped",
        "add" => "silo started",
        "ready" => "silo ready",
        "stop" => "SIGTERM",
        "kill" => "SIGKILL",
        "exited" => "process exited",
        "suspected" => "suspected in the membership table",
        "dead" => "declared dead in the membership table",
        "undetected" => "not declared dead within the watch",
        _ => kind,
    };
}
