using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Grains.Users;

/// <summary>
/// The user grain as the source of live sign-out (<see cref="IUserEventsGrain"/>). Why grain observers and not
/// Orleans streams: the front end that holds a page's stream needs a prompt nudge, not a durable log — it
/// re-validates every stream with the grain on a schedule anyway, so a lost nudge costs latency, never safety. An
/// observer is one one-way message from the activation to each watching front end, with no provider, no pub-sub
/// state and no storage (streams would need a stream provider and a PubSubStore on every silo, and a queue for what
/// nobody needs replayed). Its costs: subscriptions live in this activation's memory, so front ends renew them.
/// </summary>
internal sealed partial class UserGrain : IUserEventsGrain
{
    private UserWatchers? _watchers;

    public Task WatchAsync(IUserEventsObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        (_watchers ??= new UserWatchers()).Watch(observer, _time.GetUtcNow());
        return Task.CompletedTask;
    }

    public ValueTask<ValidationResult> ConfirmAsync(string token)
    {
        if (_state.Poisoned)
        {
            return ValueTask.FromResult(ValidationResult.Unavailable);
        }

        if (!_codec.TryRead(token, out var fields) || fields.UserId != _userId || !HoldsCredential(in fields))
        {
            return ValueTask.FromResult(ValidationResult.Denied);
        }

        var now = _time.GetUtcNow();
        return ValueTask.FromResult(fields.Kind switch
        {
            TokenKind.BrowserSession or TokenKind.AccessToken => ConfirmSession(fields.CredentialId, now),
            TokenKind.ApiToken => ConfirmApiToken(fields.CredentialId, now),
            _ => ValidationResult.Denied,
        });
    }

    /// <summary>Tells the watching front ends that the state just written may have ended credentials: called after
    /// every successful write, so no way of revoking (present or future) can forget to.</summary>
    private void NotifyWatchers() => _watchers?.Notify(_userIdText, _time.GetUtcNow());

    /// <summary>A browser session or an access token, judged like validation but without touching its last use.</summary>
    private ValidationResult ConfirmSession(Guid id, DateTimeOffset now)
    {
        var session = User.Sessions[id];
        var lastSeen = _lastSeen.LastSeen(id, session);
        if (!_lifetimes.AcceptsBearer(session, User.Epoch, lastSeen, now))
        {
            return ValidationResult.Denied;
        }

        var deadline = _lifetimes.SessionDeadline(session, lastSeen);
        var expiresAt = session.Kind == CredentialKind.App && session.AccessExpiresAt < deadline ? session.AccessExpiresAt : deadline;
        return new ValidationResult(ValidationOutcome.Valid, _userIdText, User.Username, GridIds.Format(id), session.Kind, expiresAt,
            ApiTokenRules.EveryScope);
    }

    private ValidationResult ConfirmApiToken(Guid id, DateTimeOffset now)
    {
        var token = User.ApiTokens[id];
        return CredentialLifetimes.IsLive(token, User.Epoch, now)
            ? new ValidationResult(ValidationOutcome.Valid, _userIdText, User.Username, GridIds.Format(id), CredentialKind.ApiToken,
                token.ExpiresAt, token.GrantedScopes)
            : ValidationResult.Denied;
    }
}
