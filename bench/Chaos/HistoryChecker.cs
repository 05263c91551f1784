namespace Sessions.Bench.Chaos;

/// <summary>
/// Finds the violations in one user's history. A validation or refresh counts against an operation only when it was
/// invoked after that operation's answer arrived (real-time order on one clock); one that overlaps it may go either
/// way and is never a violation.
/// </summary>
internal static class HistoryChecker
{
    public static IEnumerable<Violation> Check(UserHistory user) =>
        Validations(user).Concat(Refreshes(user)).Concat(Successors(user));

    private static IEnumerable<Violation> Validations(UserHistory user)
    {
        var firstRefusal = new Dictionary<string, HistoryEntry>(StringComparer.Ordinal);
        foreach (var validation in user.Validations)
        {
            if (validation.Outcome == Outcomes.Denied && validation.Credential is { } refused)
            {
                if (!firstRefusal.TryGetValue(refused, out var earlier) || validation.Completed < earlier.Completed)
                {
                    firstRefusal[refused] = validation;
                }
            }
        }

        foreach (var validation in user.Validations.Where(v => v.Outcome == Outcomes.Ok))
        {
            if (user.BearerOf(validation) is { EndedBy: { } end } && end.Completed < validation.Invoked)
            {
                var kind = end.Op == "refresh" ? ViolationKinds.AcceptedAfterRotation : ViolationKinds.AcceptedAfterRevocation;
                yield return new Violation(kind, user.User, $"{Name(end)} answered before the validation was invoked", [end, validation]);
            }

            if (firstRefusal.TryGetValue(validation.Credential!, out var refusal) && refusal.Completed < validation.Invoked)
            {
                yield return new Violation(ViolationKinds.Resurrected, user.User, "refused, then accepted by a later validation", [refusal, validation]);
            }
        }
    }

    private static IEnumerable<Violation> Refreshes(UserHistory user)
    {
        foreach (var refresh in user.Refreshes.Where(r => r.Outcome == Outcomes.Ok && r.Session is not null))
        {
            if (user.EndOf(refresh.Session!) is { } end && end.Completed < refresh.Invoked)
            {
                var kind = end.Op == "soe" ? ViolationKinds.IssuedAfterSignOutEverywhere : ViolationKinds.RefreshedAfterRevocation;
                yield return new Violation(kind, user.User, $"{Name(end)} answered before the refresh was invoked", [end, refresh]);
            }
        }
    }

    private static IEnumerable<Violation> Successors(UserHistory user) => user.Refreshes
        .Where(r => r is { Outcome: Outcomes.Ok, Refresh: not null, NewRefresh: not null })
        .GroupBy(r => r.Refresh!)
        .Where(g => g.Select(r => r.NewRefresh).Distinct().Count() > 1)
        .Select(g => new Violation(ViolationKinds.TwoSuccessors, user.User, $"refresh token {g.Key} rotated into {g.Select(r => r.NewRefresh).Distinct().Count()} different tokens", [.. g]));

    private static string Name(HistoryEntry change) => change.Op switch
    {
        "revoke" => $"revoke-one ({change.Via})",
        "soe" => "sign-out-everywhere",
        "password" => "password change",
        "refresh" => "refresh",
        _ => change.Op,
    };
}
