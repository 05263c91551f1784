namespace Sessions.Grains.Users;

/// <summary>
/// The latest use of each credential since the last write, kept in memory: the validate path does no I/O
/// (docs/invariants.md, invariant 7). They live apart from the state because a write may be serialising the state on
/// another thread while an interleaved validation runs; <see cref="FoldInto"/> brings them in before a write.
/// </summary>
internal sealed class LastSeenBuffer
{
    private readonly Dictionary<Guid, DateTimeOffset> _seen = [];

    /// <summary>Whether any use is waiting to be written.</summary>
    public bool HasPending => _seen.Count > 0;

    /// <summary>Records a use.</summary>
    public void Touch(Guid credentialId, DateTimeOffset now) => _seen[credentialId] = now;

    /// <summary>Drops a revoked credential's use.</summary>
    public void Forget(Guid credentialId) => _seen.Remove(credentialId);

    /// <summary>Drops every use except the kept credential's.</summary>
    public void ForgetAllBut(Guid keep)
    {
        var kept = _seen.TryGetValue(keep, out var at);
        _seen.Clear();
        if (kept)
        {
            _seen[keep] = at;
        }
    }

    /// <summary>The latest use of a session, written or not.</summary>
    public DateTimeOffset LastSeen(Guid id, SessionRecord session) =>
        _seen.TryGetValue(id, out var seen) ? Later(seen, session.LastSeenAt) : session.LastSeenAt;

    /// <summary>The latest use of an API token, written or not.</summary>
    public DateTimeOffset? LastUsed(Guid id, ApiTokenRecord token) =>
        _seen.TryGetValue(id, out var used) ? used : token.LastUsedAt;

    /// <summary>Moves every buffered use into the state's records, ready to be written.</summary>
    public void FoldInto(UserState user)
    {
        foreach (var (id, at) in _seen)
        {
            if (user.Sessions.TryGetValue(id, out var session))
            {
                session.LastSeenAt = Later(session.LastSeenAt, at);
            }
            else if (user.ApiTokens.TryGetValue(id, out var token))
            {
                token.LastUsedAt = token.LastUsedAt is { } used ? Later(used, at) : at;
            }
        }

        _seen.Clear();
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
