using Microsoft.Extensions.Logging;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Diagnostics;

namespace Sessions.Grains.Users;

/// <summary>
/// The user grain's durable copy of the user, and the rule that keeps memory honest: every change is made in
/// memory and then written; if the write fails (or conflicts), this activation is poisoned — it answers nothing
/// from memory again and asks to be deactivated, so the next activation reloads what storage holds
/// (SECURITY-CHECKLIST hazard 1). "Last seen" times are kept apart in <see cref="_seen"/>, because a write may be
/// serialising the state on another thread while an interleaved validation runs; they are folded in before a write.
/// </summary>
internal sealed partial class UserStore(
    IPersistentState<UserState> state, Lifetimes lifetimes, Action deactivate, GridMetrics metrics, ILogger logger, string userId)
{
    private readonly Dictionary<Guid, DateTimeOffset> _seen = [];
    private readonly int _auditLength = lifetimes.Options.AuditTrailLength;
    private long _sessionsReported;
    private DateTimeOffset _confirmedAt;

    /// <summary>The state; change it only in a turn that ends in <see cref="WriteAsync"/>.</summary>
    public UserState User => state.State;

    /// <summary>Set when a write failed: memory may differ from storage, so nothing may be served from it.</summary>
    public bool Poisoned { get; private set; }

    /// <summary>Throws when this activation can no longer make changes.</summary>
    public void EnsureWritable()
    {
        if (Poisoned)
        {
            throw new SessionStoreUnavailableException();
        }
    }

    /// <summary>Records a use, in memory only (the validate path does no I/O).</summary>
    public void Touch(Guid credentialId, DateTimeOffset now) => _seen[credentialId] = now;

    /// <summary>Drops a revoked credential's in-memory use.</summary>
    public void Forget(Guid credentialId) => _seen.Remove(credentialId);

    /// <summary>Drops every in-memory use except the kept session's.</summary>
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
        _seen.TryGetValue(id, out var seen) ? Lifetimes.Max(seen, session.LastSeenAt) : session.LastSeenAt;

    /// <summary>The latest use of an API token, written or not.</summary>
    public DateTimeOffset? LastUsed(Guid id, ApiTokenRecord token) =>
        _seen.TryGetValue(id, out var used) ? used : token.LastUsedAt;

    /// <summary>Whether a session exists, belongs to the current epoch and has not expired.</summary>
    public bool IsLive(Guid id, SessionRecord session, DateTimeOffset now) =>
        session.Epoch == User.Epoch && lifetimes.IsLive(session, LastSeen(id, session), now);

    /// <summary>Appends to the bounded audit trail.</summary>
    public void Audit(DateTimeOffset now, AuditEventKind kind, Guid? credentialId, string? detail)
    {
        var trail = User.AuditTrail;
        trail.Add(new AuditEvent(now, kind, credentialId is { } id ? GridIds.Format(id) : null, detail));
        if (trail.Count > _auditLength)
        {
            trail.RemoveRange(0, trail.Count - _auditLength);
        }
    }

    /// <summary>
    /// Folds in-memory uses into the state, prunes expired credentials, and writes. On failure the activation is
    /// poisoned and <see cref="SessionStoreUnavailableException"/> is thrown: the change was not acknowledged.
    /// </summary>
    public async Task WriteAsync(DateTimeOffset now)
    {
        EnsureWritable();
        FoldSeen();
        Prune(now);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            LogWriteFailed(logger, exception, userId);
            Poison();
            throw new SessionStoreUnavailableException();
        }

        // The write was conditional on the version this activation holds, so storage matched memory until now.
        _confirmedAt = now;
        ReportSessions();
    }

    /// <summary>Brings the active-sessions gauge in line with what this activation holds (call on activation and
    /// after writes); <see cref="StopReporting"/> on deactivation.</summary>
    public void ReportSessions()
    {
        var held = User.Sessions.Count;
        metrics.SessionsHeld(held - _sessionsReported);
        _sessionsReported = held;
    }

    public void StopReporting()
    {
        metrics.SessionsHeld(-_sessionsReported);
        _sessionsReported = 0;
    }

    /// <summary>Notes that memory matches storage as of <paramref name="now"/> (the state was just read).</summary>
    public void Confirm(DateTimeOffset now) => _confirmedAt = now;

    /// <summary>
    /// Compares the version this activation holds with the one in storage (read by <paramref name="readStoredEtag"/>).
    /// If storage moved on, another activation of this user changed it — this one is a stale duplicate that may still
    /// hold revoked credentials — so it is poisoned and deactivated, and the next call reloads. If storage cannot be
    /// read the activation keeps answering, but only until <paramref name="tolerance"/> has passed since memory last
    /// matched storage; then it fails closed. Runs as a non-interleaved turn, so no write of this activation is in flight.
    /// </summary>
    public async Task RecheckAsync(Func<Task<string?>> readStoredEtag, TimeProvider clock, TimeSpan tolerance)
    {
        if (Poisoned)
        {
            return;
        }

        var startedAt = clock.GetUtcNow();
        string? stored;
        try
        {
            stored = await readStoredEtag();
        }
        catch (Exception exception)
        {
            LogRecheckFailed(logger, exception, userId);
            if (clock.GetUtcNow() - _confirmedAt >= tolerance)
            {
                Poison();
            }

            return;
        }

        if (stored == state.Etag)
        {
            _confirmedAt = startedAt;
            return;
        }

        LogStale(logger, userId, state.Etag, stored);
        Poison();
    }

    /// <summary>Writes pending "last seen" times, if any; failures poison but are not thrown (nobody is waiting).</summary>
    public async Task FlushAsync(DateTimeOffset now)
    {
        if (Poisoned || _seen.Count == 0 || !User.Exists)
        {
            return;
        }

        try
        {
            await WriteAsync(now);
        }
        catch (SessionStoreUnavailableException)
        {
            // Already logged and poisoned; the next call reloads.
        }
    }

    /// <summary>Stops this activation answering from memory and asks for it to be deactivated.</summary>
    private void Poison()
    {
        Poisoned = true;
        deactivate();
    }

    private void FoldSeen()
    {
        foreach (var (id, at) in _seen)
        {
            if (User.Sessions.TryGetValue(id, out var session))
            {
                session.LastSeenAt = Lifetimes.Max(session.LastSeenAt, at);
            }
            else if (User.ApiTokens.TryGetValue(id, out var token))
            {
                token.LastUsedAt = token.LastUsedAt is { } used ? Lifetimes.Max(used, at) : at;
            }
        }

        _seen.Clear();
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, session) in User.Sessions)
        {
            if (!IsLive(id, session, now))
            {
                User.Sessions.Remove(id);
            }
        }

        foreach (var (id, token) in User.ApiTokens)
        {
            if (!Lifetimes.IsLive(token, now) || token.Epoch != User.Epoch)
            {
                User.ApiTokens.Remove(id);
            }
        }
    }

    [LoggerMessage(1001, LogLevel.Error, "Writing the state of user {UserId} failed; the activation stops serving and reloads")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string userId);

    [LoggerMessage(1003, LogLevel.Warning,
        "Stored state of user {UserId} moved on from version {Held} to {Stored}: another activation changed it; this one stops serving and reloads")]
    private static partial void LogStale(ILogger logger, string userId, string? held, string? stored);

    [LoggerMessage(1004, LogLevel.Warning, "Re-reading the stored version of user {UserId} failed; the activation fails closed if this persists")]
    private static partial void LogRecheckFailed(ILogger logger, Exception exception, string userId);
}
