using Sessions.Grains.Abstractions.Signals;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Diagnostics;

namespace Sessions.Grains.Users;

/// <summary>The user grain: renewing app sessions, issuing API tokens, and listing what the user holds.</summary>
internal sealed partial class UserGrain
{
    public async Task<RefreshResult> RefreshAsync(string refreshToken)
    {
        _state.ThrowIfPoisoned();
        var now = _time.GetUtcNow();
        if (User.Disabled || !_codec.TryRead(refreshToken, TokenKind.RefreshToken, out var fields) || fields.UserId != _userId
            || !User.Sessions.TryGetValue(fields.CredentialId, out var session)
            || session.Kind != CredentialKind.App || !IsLive(fields.CredentialId, session, now))
        {
            return RefreshResult.Invalid;
        }

        var id = fields.CredentialId;
        if (CredentialIssuer.Matches(fields.Verifier, session.RefreshDigest))
        {
            var issued = _issuer.Rotate(session, _userId, id, fields.Verifier, now);
            _lastSeen.Touch(id, now);
            _audit.Append(User, now, AuditEventKind.Refreshed, id, null);
            await WriteAsync(now);
            return new RefreshResult(RefreshOutcome.Refreshed, issued);
        }

        if (CredentialIssuer.Matches(fields.Verifier, session.PreviousRefreshDigest)
            && _lifetimes.IsInRefreshReuseGrace(session, now)
            && _issuer.Reissue(session, _userId, id, fields.Verifier) is { } again)
        {
            return new RefreshResult(RefreshOutcome.Refreshed, again);
        }

        // The MAC proves we issued this refresh token for this session, yet it is not the current one: it was
        // rotated out, so a copy is in someone else's hands. End the whole session (RFC 9700 §4.14.2).
        User.Sessions.Remove(id);
        _lastSeen.Forget(id);
        _audit.Append(User, now, AuditEventKind.RefreshReuseDetected, id, null);
        EnqueueSignal(SignalKind.SessionRevoked, id, InitiatingEntity.Policy);
        LogReuseDetected(_logger, _userIdText, GridIds.Format(id));
        await WriteAsync(now);
        _metrics.Revoked(RevocationCauses.RefreshReuse);
        return new RefreshResult(RefreshOutcome.ReuseDetected);
    }

    public async Task<ApiTokenResult> CreateApiTokenAsync(string actorSessionId, string name, TimeSpan? lifetime, ApiTokenScopes scopes)
    {
        _state.ThrowIfPoisoned();
        var now = _time.GetUtcNow();
        if (User.Disabled || !IsLiveActor(actorSessionId, now, out _))
        {
            return new ApiTokenResult(ApiTokenOutcome.Denied);
        }

        if (!ApiTokenRules.TryNormalizeName(name, out name) || !_lifetimes.TryGetApiTokenLifetime(lifetime, out var span)
            || !ApiTokenRules.TryNormalizeScopes(scopes, out scopes))
        {
            return new ApiTokenResult(ApiTokenOutcome.Rejected);
        }

        if (LiveApiTokens(now).Count() >= _options.MaxApiTokensPerUser)
        {
            return new ApiTokenResult(ApiTokenOutcome.LimitReached);
        }

        var tokenId = Guid.NewGuid();
        var (record, token) = _issuer.NewApiToken(_userId, tokenId, name, scopes, User.Epoch, now, span);
        User.ApiTokens[tokenId] = record;
        _audit.Append(User, now, AuditEventKind.ApiTokenCreated, tokenId, name);
        await WriteAsync(now);
        return new ApiTokenResult(ApiTokenOutcome.Created, GridIds.Format(tokenId), token, record.ExpiresAt, scopes);
    }

    public Task<SessionInfo[]?> ListSessionsAsync(Actor actor)
    {
        var now = _time.GetUtcNow();
        if (!Permits(actor, ApiTokenScopes.Sessions, now))
        {
            return Task.FromResult<SessionInfo[]?>(null);
        }

        var current = CredentialOf(actor);
        var list = LiveSessions(now)
            .Select(s => Describe(s.Key, s.Value, s.Key == current))
            .OrderByDescending(s => s.LastSeenAt)
            .ToArray();
        return Task.FromResult<SessionInfo[]?>(list);
    }

    public Task<ApiTokenInfo[]?> ListApiTokensAsync(Actor actor)
    {
        var now = _time.GetUtcNow();
        if (!Permits(actor, ApiTokenScopes.Sessions, now))
        {
            return Task.FromResult<ApiTokenInfo[]?>(null);
        }

        var list = LiveApiTokens(now)
            .Select(t => new ApiTokenInfo(
                GridIds.Format(t.Key), t.Value.Name, t.Value.CreatedAt, t.Value.ExpiresAt, _lastSeen.LastUsed(t.Key, t.Value),
                t.Value.GrantedScopes))
            .OrderBy(t => t.CreatedAt)
            .ToArray();
        return Task.FromResult<ApiTokenInfo[]?>(list);
    }
}
