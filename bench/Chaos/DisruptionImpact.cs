namespace Sessions.Bench.Chaos;

/// <summary>What one stop or kill cost the validations of live credentials that overlapped its window: how many
/// failed, the longest time one user's validations kept failing (from the invocation of the first failure of a run
/// of consecutive failures to the answer of its last), and the slowest answer.</summary>
internal sealed record DisruptionImpact(Disruption Disruption, long WindowStart, long WindowEnd, int Validations, int Failed, double LongestUnavailableSeconds, double SlowestSeconds)
{
    public static DisruptionImpact Of(Disruption disruption, long windowEnd, IReadOnlyList<(UserHistory User, HistoryEntry Validation)> live)
    {
        var start = disruption.SignalledAt;
        var overlapping = live.Where(v => Overlaps(v.Validation, start, windowEnd)).ToList();
        var longest = overlapping.GroupBy(v => v.User.User)
            .Select(user => LongestFailingRun(user.Select(v => v.Validation).OrderBy(v => v.Invoked)))
            .DefaultIfEmpty(0)
            .Max();
        var slowest = overlapping.Select(v => MonotonicClock.Seconds(v.Validation.Completed - v.Validation.Invoked)).DefaultIfEmpty(0).Max();
        return new DisruptionImpact(disruption, start, windowEnd, overlapping.Count, overlapping.Count(v => v.Validation.Outcome != Outcomes.Ok),
            longest, slowest);
    }

    public static bool Overlaps(HistoryEntry validation, long start, long end) => validation.Invoked <= end && validation.Completed >= start;

    private static double LongestFailingRun(IEnumerable<HistoryEntry> validations)
    {
        double longest = 0;
        HistoryEntry? first = null;
        foreach (var validation in validations)
        {
            if (validation.Outcome == Outcomes.Ok)
            {
                first = null;
                continue;
            }

            first ??= validation;
            longest = Math.Max(longest, MonotonicClock.Seconds(validation.Completed - first.Invoked));
        }

        return longest;
    }
}
