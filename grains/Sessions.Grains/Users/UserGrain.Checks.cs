using Microsoft.Extensions.Logging;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Grains.Users;

/// <summary>The user grain's judgements, kept apart from its operations so each reads on its own.</summary>
internal sealed partial class UserGrain
{
    private ValidationResult ValidateSession(in TokenFields fields, CredentialKind kind, DateTimeOffset now)
    {
        var id = fields.CredentialId;
        if (!User.Sessions.TryGetValue(id, out var session) || session.Kind != kind
            || !CredentialIssuer.Matches(fields.Verifier, session.Digest) || !_store.IsLive(id, session, now)
            || (kind == CredentialKind.App && now >= session.AccessExpiresAt))
        {
            return ValidationResult.Denied;
        }

        _store.Touch(id, now);
        var expiresAt = kind == CredentialKind.App ? session.AccessExpiresAt : _lifetimes.SessionDeadline(session, now);
        return new ValidationResult(ValidationOutcome.Valid, _userIdText, User.Username, session.IdText ??= GridIds.Format(id), kind, expiresAt);
    }

    private ValidationResult ValidateApiToken(in TokenFields fields, DateTimeOffset now)
    {
        var id = fields.CredentialId;
        if (!User.ApiTokens.TryGetValue(id, out var token)
            || !CredentialIssuer.Matches(fields.Verifier, token.Digest) || !IsLive(token, now))
        {
            return ValidationResult.Denied;
        }

        _store.Touch(id, now);
        return new ValidationResult(
            ValidationOutcome.Valid, _userIdText, User.Username, token.IdText ??= GridIds.Format(id), CredentialKind.ApiToken, token.ExpiresAt);
    }

    /// <summary>Whether the presented token is a live credential of this user: the current browser, access or
    /// refresh token of a session (or the refresh token rotated out last), or an API token.</summary>
    private bool HoldsCredential(in TokenFields fields)
    {
        var id = fields.CredentialId;
        if (fields.Kind == TokenKind.ApiToken)
        {
            return User.ApiTokens.TryGetValue(id, out var token) && CredentialIssuer.Matches(fields.Verifier, token.Digest);
        }

        if (!User.Sessions.TryGetValue(id, out var session))
        {
            return false;
        }

        return fields.Kind switch
        {
            TokenKind.BrowserSession => session.Kind == CredentialKind.Browser && CredentialIssuer.Matches(fields.Verifier, session.Digest),
            TokenKind.AccessToken => session.Kind == CredentialKind.App && CredentialIssuer.Matches(fields.Verifier, session.Digest),
            TokenKind.RefreshToken => session.Kind == CredentialKind.App
                && (CredentialIssuer.Matches(fields.Verifier, session.RefreshDigest)
                    || CredentialIssuer.Matches(fields.Verifier, session.PreviousRefreshDigest)),
            _ => false,
        };
    }

    /// <summary>Whether an API token belongs to the current epoch and has not expired.</summary>
    private bool IsLive(ApiTokenRecord token, DateTimeOffset now) => token.Epoch == User.Epoch && Lifetimes.IsLive(token, now);

    /// <summary>Whether a browser or app session (not an API token) is live: the actor of a privileged change.</summary>
    private bool IsLiveSession(string sessionId, DateTimeOffset now, out Guid id) =>
        GridIds.TryParse(sessionId, out id) && User.Sessions.TryGetValue(id, out var session) && _store.IsLive(id, session, now);

    /// <summary>At the per-user limit, ends the least recently used session to make room for a new one.</summary>
    private void MakeRoomForSession(DateTimeOffset now)
    {
        while (User.Sessions.Count(s => _store.IsLive(s.Key, s.Value, now)) >= _lifetimes.Options.MaxSessionsPerUser)
        {
            var oldest = User.Sessions
                .Where(s => _store.IsLive(s.Key, s.Value, now))
                .MinBy(s => _store.LastSeen(s.Key, s.Value)).Key;
            User.Sessions.Remove(oldest);
            _store.Forget(oldest);
            _store.Audit(now, AuditEventKind.SessionEvicted, oldest, "session limit");
        }
    }

    private SessionInfo Describe(Guid id, SessionRecord session, bool current)
    {
        var lastSeen = _store.LastSeen(id, session);
        return new SessionInfo(GridIds.Format(id), session.Kind, session.Device, session.IpAddress, session.UserAgent,
            session.CreatedAt, lastSeen, _lifetimes.SessionDeadline(session, lastSeen), current);
    }

    private static string Describe(SignInRequest request) =>
        $"{(request.Kind == CredentialKind.App ? "app" : "browser")} from {request.IpAddress ?? "unknown address"}";

    /// <summary>Writes pending changes right after the current call has replied.</summary>
    private void WriteSoon()
    {
        IGrainTimer? timer = null;
        timer = this.RegisterGrainTimer(async _ =>
        {
            timer?.Dispose();
            try
            {
                await _store.WriteAsync(_time.GetUtcNow());
            }
            catch (SessionStoreUnavailableException)
            {
                // Logged and poisoned by the store; the next call reloads.
            }
        }, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [LoggerMessage(1002, LogLevel.Warning, "Refresh token reuse detected for user {UserId}; session {SessionId} revoked")]
    private static partial void LogReuseDetected(ILogger logger, string userId, string sessionId);
}
