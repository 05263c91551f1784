namespace Sessions.Bench.Chaos;

/// <summary>
/// The checker's own test, run before every check: a made-up history holding exactly one violation of each kind
/// (<see cref="ViolationKinds"/>), each in its simplest form, must yield exactly those. A checker that cannot see a
/// planted violation has no say about a run in which it saw none.
/// </summary>
internal static class PlantedViolations
{
    private const string User = "planted";

    /// <summary>Whether the checker finds every planted violation and nothing else.</summary>
    public static bool AreAllFound(out string found)
    {
        var kinds = HistoryChecker.Check(new UserHistory(User, History())).Select(v => v.Kind).ToList();
        found = $"{ViolationKinds.All.Count(kinds.Contains)} of {ViolationKinds.All.Length}";
        return kinds.Count == ViolationKinds.All.Length && ViolationKinds.All.All(kinds.Contains);
    }

    private static IEnumerable<HistoryEntry> History() =>
    [
        // A validation accepted after revoke-one answered.
        SignIn(1, "s1", SessionKinds.App, "a1", "r1"),
        Entry("revoke", 3, Outcomes.Ok) with { Session = "s1", Via = "delete", Actor = "s3" },
        Validate(5, "s1", "a1", Outcomes.Ok),

        // An access token accepted after the refresh that replaced it; then a second, different successor.
        SignIn(10, "s2", SessionKinds.App, "a2", "r2"),
        Refresh(12, "s2", "r2", "a3", "r3"),
        Validate(14, "s2", "a2", Outcomes.Ok),
        Refresh(16, "s2", "r2", "a3", "r4"),

        // Refused, then accepted.
        SignIn(20, "s3", SessionKinds.Browser, "b3", null),
        Validate(22, "s3", "b3", Outcomes.Denied),
        Validate(24, "s3", "b3", Outcomes.Ok),

        // A refresh after a password change from another session ended this one.
        SignIn(30, "s4", SessionKinds.App, "a4", "r5"),
        Entry("password", 32, Outcomes.Ok) with { Actor = "s3" },
        Refresh(34, "s4", "r5", "a6", "r6"),

        // A credential issued by a refresh after sign-out-everywhere.
        SignIn(40, "s5", SessionKinds.App, "a5", "r7"),
        Entry("soe", 42, Outcomes.Ok) with { Actor = "s5" },
        Refresh(44, "s5", "r7", "a7", "r8"),
    ];

    private static HistoryEntry Entry(string op, int at, string outcome) => new()
    {
        Op = op,
        User = User,
        Invoked = MonotonicClock.Ticks(at),
        Completed = MonotonicClock.Ticks(at + 1),
        Outcome = outcome,
        Status = outcome == Outcomes.Ok ? 200 : 401,
    };

    private static HistoryEntry SignIn(int at, string session, string kind, string bearer, string? refresh) =>
        Entry("signin", at, Outcomes.Ok) with { Session = session, Kind = kind, Credential = bearer, Refresh = refresh };

    private static HistoryEntry Validate(int at, string session, string bearer, string outcome) =>
        Entry("validate", at, outcome) with { Session = session, Credential = bearer, FrontEnd = 0 };

    private static HistoryEntry Refresh(int at, string session, string presented, string access, string successor) =>
        Entry("refresh", at, Outcomes.Ok) with { Session = session, Kind = SessionKinds.App, Refresh = presented, NewAccess = access, NewRefresh = successor };
}
