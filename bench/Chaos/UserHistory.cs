namespace Sessions.Bench.Chaos;

/// <summary>
/// Everything one user's clients did, indexed for the checks: the sessions they signed in, the bearers they were
/// issued, and for every bearer when it may have stopped being valid and when it certainly did.
/// <list type="bullet">
/// <item>A session ends for certain when an acknowledged revoke-one names it, or an acknowledged sign-out-everywhere
/// (or password change, from another session) was invoked after its sign-in completed; it may have ended from the
/// invocation of any such operation that may have happened (acknowledged or unanswered) and whose coverage may
/// include it (its sign-in was invoked before the operation completed), and from a refresh of it that was refused
/// (a replayed refresh token ends its session).</item>
/// <item>An app session's access token is superseded for certain by an acknowledged refresh of its session invoked
/// after the token was issued (the grain keeps only the current access token); it may have been from the invocation
/// of any refresh that may have rotated it.</item>
/// </list>
/// </summary>
internal sealed class UserHistory
{
    private readonly Dictionary<string, HistoryEntry> _signIns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Bearer> _bearers = new(StringComparer.Ordinal);
    private readonly List<HistoryEntry> _changes;

    public UserHistory(string user, IEnumerable<HistoryEntry> entries)
    {
        User = user;
        Entries = [.. entries.OrderBy(e => e.Invoked)];
        foreach (var entry in Entries.Where(e => e.Outcome == Outcomes.Ok))
        {
            if (entry is { Op: "signin", Session: { } session, Credential: { } credential })
            {
                _signIns.TryAdd(session, entry);
                _bearers.TryAdd(credential, new Bearer(credential, session, entry));
            }
            else if (entry is { Op: "refresh", Session: { } refreshed, NewAccess: { } access })
            {
                _bearers.TryAdd(access, new Bearer(access, refreshed, entry));
            }
        }

        _changes = [.. Entries.Where(e => e.Op is "revoke" or "soe" or "password" or "refresh")];
        foreach (var bearer in _bearers.Values)
        {
            Index(bearer);
        }
    }

    public string User { get; }

    public IReadOnlyList<HistoryEntry> Entries { get; }

    public IEnumerable<HistoryEntry> Validations => Entries.Where(e => e.Op == "validate");

    public IEnumerable<HistoryEntry> Refreshes => Entries.Where(e => e.Op == "refresh");

    /// <summary>The bearer a validation presented, or null when no answer in the history issued it.</summary>
    public Bearer? BearerOf(HistoryEntry validation) =>
        validation.Credential is { } id && _bearers.TryGetValue(id, out var bearer) ? bearer : null;

    /// <summary>The earliest acknowledged operation that certainly ended <paramref name="session"/>.</summary>
    public HistoryEntry? EndOf(string session) => _changes
        .Where(e => e.Outcome == Outcomes.Ok && CertainlyEnds(e, session))
        .MinBy(e => e.Completed);

    private void Index(Bearer bearer)
    {
        foreach (var change in _changes)
        {
            if (MayEnd(change, bearer))
            {
                bearer.MayEndAt = Math.Min(bearer.MayEndAt, change.Invoked);
            }

            if (change.Outcome == Outcomes.Ok && (CertainlyEnds(change, bearer.Session) || CertainlySupersedes(change, bearer))
                && (bearer.EndedBy is null || change.Completed < bearer.EndedBy.Completed))
            {
                bearer.EndedBy = change;
            }
        }
    }

    private bool MayEnd(HistoryEntry change, Bearer bearer) => change.Op switch
    {
        "refresh" when change.Session == bearer.Session => change.Outcome == Outcomes.Denied
            || (Outcomes.MayHaveChanged(change.Outcome) && change.NewAccess != bearer.Id && bearer.Issuer.Invoked < change.Completed),
        "revoke" => Outcomes.MayHaveChanged(change.Outcome) && change.Session == bearer.Session,
        "soe" => Outcomes.MayHaveChanged(change.Outcome) && SignedInBefore(bearer.Session, change.Completed, invoked: true),
        "password" => Outcomes.MayHaveChanged(change.Outcome) && change.Actor != bearer.Session
            && SignedInBefore(bearer.Session, change.Completed, invoked: true),
        _ => false,
    };

    private bool CertainlyEnds(HistoryEntry change, string session) => change.Op switch
    {
        "revoke" => change.Session == session,
        "soe" => SignedInBefore(session, change.Invoked, invoked: false),
        "password" => change.Actor != session && SignedInBefore(session, change.Invoked, invoked: false),
        _ => false,
    };

    private static bool CertainlySupersedes(HistoryEntry change, Bearer bearer) =>
        change is { Op: "refresh", NewAccess: { } access } && change.Session == bearer.Session && access != bearer.Id
        && bearer.Issuer.Completed < change.Invoked;

    /// <summary>Whether the session's sign-in was invoked (or, with <paramref name="invoked"/> false, completed) before
    /// <paramref name="at"/>.</summary>
    private bool SignedInBefore(string session, long at, bool invoked) =>
        _signIns.TryGetValue(session, out var signIn) && (invoked ? signIn.Invoked : signIn.Completed) < at;
}
