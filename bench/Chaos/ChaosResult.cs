namespace Sessions.Bench.Chaos;

/// <summary>What the checker found in one run, and whether the run passes: no violation, and validation
/// availability of live credentials outside the kill windows at least the target (over at least
/// <see cref="MinimumValidations"/> validations, so a run that barely validated cannot pass).</summary>
internal sealed record ChaosResult(
    IReadOnlyList<HistoryEntry> Entries,
    int Users,
    IReadOnlyList<MembershipEvent> Timeline,
    IReadOnlyList<DisruptionImpact> Impacts,
    IReadOnlyList<Violation> Violations,
    Availability Overall,
    Availability OutsideKills,
    Availability InsideKills,
    int RevokedValidations,
    int RevokedRefused,
    double Target,
    double SettleSeconds,
    string PlantedFound)
{
    public const int MinimumValidations = 1000;

    public bool Passed => Violations.Count == 0 && OutsideKills.Validations >= MinimumValidations && OutsideKills.Percent >= Target;

    public IEnumerable<DisruptionImpact> Kills => Impacts.Where(i => i.Disruption.IsKill);

    public string SummaryLine
    {
        get
        {
            var kills = Kills.ToList();
            var detections = kills.Where(k => k.Disruption.DeadAt is not null)
                .Select(k => MonotonicClock.Seconds(k.Disruption.DeadAt!.Value - k.Disruption.SignalledAt)).ToList();
            var detection = detections.Count == 0 ? "n/a" : $"{detections.Min():F1}-{detections.Max():F1} s";
            var longest = kills.Select(k => k.LongestUnavailableSeconds).DefaultIfEmpty(0).Max();
            return $"chaos: {Entries.Count:N0} operations ({Overall.Validations:N0} validations of live credentials), "
                + $"{Violations.Count} violations, availability {Overall.Percent:F3}% overall, {OutsideKills.Percent:F3}% outside "
                + $"{kills.Count} kill windows (target {Target}%), detection {detection}, longest unavailability {longest:F1} s: "
                + (Passed ? "PASS" : "FAIL");
        }
    }
}
