using System.Diagnostics;
using Sessions.Grains.Abstractions.Signals;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Diagnostics;

namespace Sessions.Grains.Users;

/// <summary>The user grain: ending one credential, or all of them at once.</summary>
internal sealed partial class UserGrain
{
    public async Task<RevocationOutcome> EndSessionAsync(Actor actor, string sessionId)
    {
        _state.ThrowIfPoisoned();
        var id = GridIds.TryParse(sessionId, out var parsed) ? parsed : Guid.Empty;
        if (!Permits(actor, NeededToEnd(actor, id), _time.GetUtcNow()) && !MayAct(actor, AccountAction.EndSession))
        {
            return RevocationOutcome.Denied;
        }

        if (!User.Sessions.Remove(id))
        {
            return RevocationOutcome.NothingToRevoke;
        }

        AuditSource(actor, "ended a session");
        EnqueueSignal(SignalKind.SessionRevoked, id, InitiatorOf(actor));
        await CommitRevocationAsync(id, AuditEventKind.SessionRevoked, null, RevocationCauses.Session);
        return RevocationOutcome.Revoked;
    }

    public async Task<RevocationOutcome> RevokeApiTokenAsync(Actor actor, string tokenId)
    {
        _state.ThrowIfPoisoned();
        var id = GridIds.TryParse(tokenId, out var parsed) ? parsed : Guid.Empty;
        if (!Permits(actor, NeededToEnd(actor, id), _time.GetUtcNow()))
        {
            return RevocationOutcome.Denied;
        }

        if (!User.ApiTokens.Remove(id))
        {
            return RevocationOutcome.NothingToRevoke;
        }

        AuditSource(actor, "revoked an API token");
        EnqueueSignal(SignalKind.ApiTokenRevoked, null, InitiatorOf(actor));
        await CommitRevocationAsync(id, AuditEventKind.ApiTokenRevoked, null, RevocationCauses.ApiToken);
        return RevocationOutcome.Revoked;
    }

    public async Task RevokeTokenAsync(string token)
    {
        _state.ThrowIfPoisoned();
        if (!_codec.TryRead(token, out var fields) || fields.UserId != _userId || !HoldsCredential(in fields))
        {
            return;
        }

        var id = fields.CredentialId;
        var revoked = fields.Kind == TokenKind.ApiToken ? User.ApiTokens.Remove(id) : User.Sessions.Remove(id);
        if (revoked)
        {
            var kind = fields.Kind == TokenKind.ApiToken ? AuditEventKind.ApiTokenRevoked : AuditEventKind.SessionRevoked;
            EnqueueSignal(kind == AuditEventKind.ApiTokenRevoked ? SignalKind.ApiTokenRevoked : SignalKind.SessionRevoked, id, InitiatingEntity.User);
            await CommitRevocationAsync(id, kind, "token revocation", RevocationCauses.TokenRevocation);
        }
    }

    /// <summary>For a credential just removed from the state: forgets its unflushed use, audits, writes (the
    /// revocation is acknowledged only after this returns) and counts it under <paramref name="cause"/>.</summary>
    private async Task CommitRevocationAsync(Guid id, AuditEventKind kind, string? detail, string cause)
    {
        var now = _time.GetUtcNow();
        _lastSeen.Forget(id);
        _audit.Append(User, now, kind, id, detail);
        await WriteAsync(now);
        _metrics.Revoked(cause);
    }

    /// <summary>Audits who asked for a change made on someone's behalf — an operator under its key's name
    /// (<see cref="AuditEventKind.AdminAction"/>), a provider or a transmitter under its configured name
    /// (<see cref="AuditEventKind.SignalReceived"/>); the change's own write makes it durable, so the audit and the
    /// action are one write. Credential actors are audited by the change's own event.</summary>
    private void AuditSource(Actor actor, string action)
    {
        var kind = actor.Kind switch
        {
            ActorKind.Operator => AuditEventKind.AdminAction,
            ActorKind.Provider or ActorKind.Transmitter => AuditEventKind.SignalReceived,
            _ => (AuditEventKind?)null,
        };
        if (kind is { } source)
        {
            _audit.Append(User, _time.GetUtcNow(), source, null, $"{actor.Describe()}: {action}");
        }
    }

    public async Task<SignOutEverywhereResult?> SignOutEverywhereAsync(Actor actor, bool keepCurrent)
    {
        _state.ThrowIfPoisoned();
        var started = Stopwatch.GetTimestamp();
        var now = _time.GetUtcNow();
        if (!Permits(actor, ApiTokenScopes.Sessions, now) && !MayAct(actor, AccountAction.SignOutEverywhere))
        {
            return null;
        }

        var (revokedSessions, revokedTokens, kept) = RevokeEverything(keepCurrent ? CredentialOf(actor) : Guid.Empty, now);
        AuditSource(actor, "sign out everywhere");
        EnqueueSignal(SignalKind.SignedOutEverywhere, null, InitiatorOf(actor));
        _audit.Append(User, now, AuditEventKind.SignedOutEverywhere, kept, $"{revokedSessions} sessions, {revokedTokens} API tokens");
        await WriteAsync(now);
        _metrics.Revoked(RevocationCauses.SignOutEverywhere, revokedSessions + revokedTokens);
        _metrics.SignedOutEverywhere(Stopwatch.GetElapsedTime(started));
        return new SignOutEverywhereResult(revokedSessions, revokedTokens, now);
    }

    /// <summary>
    /// In memory, for the caller to write: advances the epoch and "not before" and removes every session and API token
    /// but the live one <paramref name="keepId"/> names (re-stamped with the new epoch), if any.
    /// </summary>
    /// <returns>The live sessions and API tokens revoked, and the id kept (null when none was).</returns>
    private (int Sessions, int Tokens, Guid? Kept) RevokeEverything(Guid keepId, DateTimeOffset now)
    {
        var keptSession = User.Sessions.TryGetValue(keepId, out var session) && IsLive(keepId, session, now) ? session : null;
        var keptToken = User.ApiTokens.TryGetValue(keepId, out var token) && CredentialLifetimes.IsLive(token, User.Epoch, now) ? token : null;

        var revokedSessions = LiveSessions(now).Count(s => s.Value != keptSession);
        var revokedTokens = LiveApiTokens(now).Count(t => t.Value != keptToken);
        User.Epoch++;
        User.NotBefore = now;
        User.Sessions.Clear();
        User.ApiTokens.Clear();
        _lastSeen.ForgetAllBut(keepId);
        if (keptSession is not null)
        {
            keptSession.Epoch = User.Epoch;
            User.Sessions[keepId] = keptSession;
        }

        if (keptToken is not null)
        {
            keptToken.Epoch = User.Epoch;
            User.ApiTokens[keepId] = keptToken;
        }

        return (revokedSessions, revokedTokens, keptSession is not null || keptToken is not null ? keepId : null);
    }
}
