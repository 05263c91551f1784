using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Hosting;

namespace Sessions.Grains.Users;

/// <summary>
/// The one rule of whether a credential is live, for every kind, and of when a new one expires. A credential is
/// live while it belongs to the user's current revocation epoch (sign-out-everywhere advances it) and its deadline
/// has not passed: a browser session's idle deadline, an app session's refresh deadline, each capped by the
/// session's absolute one; an API token's expiry. An app session's access token also stops at its own expiry.
/// Every check takes the current time explicitly: activation is never activity, and expiry is decided here, on the
/// server (docs/invariants.md, invariant 4). Holds lifetimes only; limits are read from <see cref="SessionOptions"/>.
/// </summary>
internal sealed class CredentialLifetimes(SessionOptions options)
{
    private readonly TimeSpan _browserIdle = options.BrowserIdleTimeout;
    private readonly TimeSpan _browserAbsolute = options.BrowserAbsoluteLifetime;
    private readonly TimeSpan _accessToken = options.AccessTokenLifetime;
    private readonly TimeSpan _refreshIdle = options.RefreshIdleTimeout;
    private readonly TimeSpan _refreshAbsolute = options.RefreshAbsoluteLifetime;
    private readonly TimeSpan _refreshReuseGrace = options.RefreshReuseGracePeriod;
    private readonly TimeSpan _apiTokenDefault = options.ApiTokenDefaultLifetime;
    private readonly TimeSpan _apiTokenMax = options.ApiTokenMaxLifetime;

    /// <summary>Whether a browser or app session is live, given its latest use (written or not).</summary>
    public bool IsLive(SessionRecord session, long epoch, DateTimeOffset lastSeen, DateTimeOffset now) =>
        session.Epoch == epoch && now < SessionDeadline(session, lastSeen);

    /// <summary>Whether an API token is live.</summary>
    public static bool IsLive(ApiTokenRecord token, long epoch, DateTimeOffset now) =>
        token.Epoch == epoch && now < token.ExpiresAt;

    /// <summary>Whether the session's bearer credential is accepted: the browser cookie while the session is live;
    /// the current access token while the session is live and the token has not expired.</summary>
    public bool AcceptsBearer(SessionRecord session, long epoch, DateTimeOffset lastSeen, DateTimeOffset now) =>
        IsLive(session, epoch, lastSeen, now) && (session.Kind != CredentialKind.App || now < session.AccessExpiresAt);

    /// <summary>Until when an accepted bearer credential of the session works unless used or renewed.</summary>
    public DateTimeOffset BearerExpiresAt(SessionRecord session, DateTimeOffset now) =>
        session.Kind == CredentialKind.App ? session.AccessExpiresAt : SessionDeadline(session, now);

    /// <summary>When a session ends if nothing renews it: browser, the idle deadline (capped by the absolute one);
    /// app, the refresh token's idle deadline (capped likewise).</summary>
    public DateTimeOffset SessionDeadline(SessionRecord session, DateTimeOffset lastSeen) => session.Kind switch
    {
        CredentialKind.Browser => Earlier(Later(lastSeen, session.LastSeenAt) + _browserIdle, session.AbsoluteExpiresAt),
        _ => Earlier(session.RefreshExpiresAt, session.AbsoluteExpiresAt),
    };

    /// <summary>Whether the refresh token rotated out last may still be presented to get the very same successor
    /// pair again (concurrent tabs, a retry after a lost response) rather than counting as reuse.</summary>
    public bool IsInRefreshReuseGrace(SessionRecord session, DateTimeOffset now) => now - session.RotatedAt < _refreshReuseGrace;

    /// <summary>Removes every credential that is no longer live. Sessions are judged by their written last use, so
    /// fold buffered uses into the state first.</summary>
    public void Prune(UserState user, DateTimeOffset now)
    {
        foreach (var (id, session) in user.Sessions)
        {
            if (!IsLive(session, user.Epoch, session.LastSeenAt, now))
            {
                user.Sessions.Remove(id);
            }
        }

        foreach (var (id, token) in user.ApiTokens)
        {
            if (!IsLive(token, user.Epoch, now))
            {
                user.ApiTokens.Remove(id);
            }
        }
    }

    /// <summary>When a session signed in at <paramref name="now"/> ends however active it is.</summary>
    public DateTimeOffset AbsoluteExpiresAt(CredentialKind kind, DateTimeOffset now) =>
        now + (kind == CredentialKind.Browser ? _browserAbsolute : _refreshAbsolute);

    /// <summary>When an access token issued at <paramref name="now"/> for the session expires.</summary>
    public DateTimeOffset AccessTokenExpiresAt(SessionRecord session, DateTimeOffset now) =>
        Earlier(now + _accessToken, session.AbsoluteExpiresAt);

    /// <summary>When a refresh token issued at <paramref name="now"/> for the session expires unused.</summary>
    public DateTimeOffset RefreshTokenExpiresAt(SessionRecord session, DateTimeOffset now) =>
        Earlier(now + _refreshIdle, session.AbsoluteExpiresAt);

    /// <summary>The lifetime of a new API token: the requested one, or the default when none is; false when it is not
    /// positive or exceeds the configured maximum.</summary>
    public bool TryGetApiTokenLifetime(TimeSpan? requested, out TimeSpan lifetime)
    {
        lifetime = requested ?? _apiTokenDefault;
        return lifetime > TimeSpan.Zero && lifetime <= _apiTokenMax;
    }

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
