using Microsoft.Extensions.Logging;
using Sessions.Grains.Abstractions.Signals;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Grains.Users;

/// <summary>The user grain's judgements, kept apart from its operations so each reads on its own. Whether a credential
/// is live is <see cref="CredentialLifetimes"/>' rule; this activation only supplies the user's epoch and the
/// latest uses it buffers.</summary>
internal sealed partial class UserGrain
{
    private ValidationResult ValidateSession(in TokenFields fields, CredentialKind kind, DateTimeOffset now)
    {
        var id = fields.CredentialId;
        if (!User.Sessions.TryGetValue(id, out var session) || session.Kind != kind
            || !CredentialIssuer.Matches(fields.Verifier, session.Digest)
            || !_lifetimes.AcceptsBearer(session, User.Epoch, _lastSeen.LastSeen(id, session), now))
        {
            return ValidationResult.Denied;
        }

        _lastSeen.Touch(id, now);
        return new ValidationResult(ValidationOutcome.Valid, _userIdText, User.Username, session.IdText ??= GridIds.Format(id), kind,
            _lifetimes.BearerExpiresAt(session, now), ApiTokenRules.EveryScope);
    }

    private ValidationResult ValidateApiToken(in TokenFields fields, DateTimeOffset now)
    {
        var id = fields.CredentialId;
        if (!User.ApiTokens.TryGetValue(id, out var token)
            || !CredentialIssuer.Matches(fields.Verifier, token.Digest) || !CredentialLifetimes.IsLive(token, User.Epoch, now))
        {
            return ValidationResult.Denied;
        }

        _lastSeen.Touch(id, now);
        return new ValidationResult(
            ValidationOutcome.Valid, _userIdText, User.Username, token.IdText ??= GridIds.Format(id), CredentialKind.ApiToken, token.ExpiresAt,
            token.GrantedScopes);
    }

    /// <summary>Whether the presented token is a credential this user holds: the current browser, access or refresh
    /// token of a session (or the refresh token rotated out last), or an API token.</summary>
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

    /// <summary>Asks <see cref="CredentialLifetimes"/> about a browser or app session, with its latest use.</summary>
    private bool IsLive(Guid id, SessionRecord session, DateTimeOffset now) =>
        _lifetimes.IsLive(session, User.Epoch, _lastSeen.LastSeen(id, session), now);

    /// <summary>The live browser and app sessions.</summary>
    private IEnumerable<KeyValuePair<Guid, SessionRecord>> LiveSessions(DateTimeOffset now) =>
        User.Sessions.Where(s => IsLive(s.Key, s.Value, now));

    /// <summary>The live API tokens.</summary>
    private IEnumerable<KeyValuePair<Guid, ApiTokenRecord>> LiveApiTokens(DateTimeOffset now) =>
        User.ApiTokens.Where(t => CredentialLifetimes.IsLive(t.Value, User.Epoch, now));

    /// <summary>Whether a browser or app session (not an API token) is live: the actor of a privileged change.</summary>
    private bool IsLiveActor(string sessionId, DateTimeOffset now, out Guid id) =>
        GridIds.TryParse(sessionId, out id) && User.Sessions.TryGetValue(id, out var session) && IsLive(id, session, now);

    /// <summary>
    /// Whether <paramref name="actor"/> may do what needs <paramref name="needed"/> to this user's sessions and API tokens
    /// (docs/threat-model.md, B25): an operator named by its key may; a credential may when it is a live session of this
    /// user (sessions hold every scope) or a live API token of this user holding the scope. Anything else — another
    /// user's credential, a revoked or expired one, an unknown kind of actor — is denied.
    /// </summary>
    private bool Permits(Actor? actor, ApiTokenScopes needed, DateTimeOffset now) => (ScopesOf(actor, now) & needed) == needed;

    private ApiTokenScopes ScopesOf(Actor? actor, DateTimeOffset now)
    {
        if (actor is { Kind: ActorKind.Operator, Id.Length: > 0 })
        {
            return ApiTokenRules.EveryScope;
        }

        var id = CredentialOf(actor);
        if (User.Sessions.TryGetValue(id, out var session))
        {
            return IsLive(id, session, now) ? ApiTokenRules.EveryScope : ApiTokenScopes.None;
        }

        return User.ApiTokens.TryGetValue(id, out var token) && CredentialLifetimes.IsLive(token, User.Epoch, now)
            ? token.GrantedScopes
            : ApiTokenScopes.None;
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may do <paramref name="action"/> as a provider, a transmitter or an operator
    /// (credentials never may; they manage sessions through <see cref="Permits"/>): an operator may do everything; a
    /// provider may end the sessions it created and, when an identity of this user is linked through it, sign the user
    /// out everywhere; a transmitter may sign out everywhere, end one session, disable and enable. Unknown kinds and
    /// nameless actors are denied.
    /// </summary>
    private bool MayAct(Actor? actor, AccountAction action) => actor switch
    {
        null or { Id: null or "" } => false,
        { Kind: ActorKind.Operator } => true,
        { Kind: ActorKind.Provider } => action switch
        {
            AccountAction.EndProviderSessions => true,
            AccountAction.SignOutEverywhere => User.Identities.Exists(i => i.ProviderName == actor.Id),
            _ => false,
        },
        { Kind: ActorKind.Transmitter } => action is AccountAction.SignOutEverywhere or AccountAction.EndSession
            or AccountAction.Disable or AccountAction.Enable,
        _ => false,
    };

    /// <summary>The id of a credential actor's session or API token; empty (which matches nothing) for any other actor.</summary>
    private static Guid CredentialOf(Actor? actor) =>
        actor is { Kind: ActorKind.Credential } && GridIds.TryParse(actor.Id, out var id) ? id : Guid.Empty;

    /// <summary>What ending <paramref name="target"/> needs: a credential ending itself only proves who it is; ending
    /// any other is session management.</summary>
    private static ApiTokenScopes NeededToEnd(Actor? actor, Guid target) =>
        target != Guid.Empty && CredentialOf(actor) == target ? ApiTokenScopes.Authenticate : ApiTokenScopes.Sessions;

    /// <summary>At the per-user limit, ends the least recently used session to make room for a new one.</summary>
    private void MakeRoomForSession(DateTimeOffset now)
    {
        while (LiveSessions(now).Count() >= _options.MaxSessionsPerUser)
        {
            var oldest = LiveSessions(now).MinBy(s => _lastSeen.LastSeen(s.Key, s.Value)).Key;
            User.Sessions.Remove(oldest);
            _lastSeen.Forget(oldest);
            _audit.Append(User, now, AuditEventKind.SessionEvicted, oldest, "session limit");
            EnqueueSignal(SignalKind.SessionRevoked, oldest, InitiatingEntity.Policy);
        }
    }

    private SessionInfo Describe(Guid id, SessionRecord session, bool current)
    {
        var lastSeen = _lastSeen.LastSeen(id, session);
        return new SessionInfo(GridIds.Format(id), session.Kind, session.Device, session.IpAddress, session.UserAgent,
            session.CreatedAt, lastSeen, _lifetimes.SessionDeadline(session, lastSeen), current, session.Provider);
    }

    [LoggerMessage(1002, LogLevel.Warning, "Refresh token reuse detected for user {UserId}; session {SessionId} revoked")]
    private static partial void LogReuseDetected(ILogger logger, string userId, string sessionId);
}
