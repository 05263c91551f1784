using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Hosting;

namespace Sessions.Grains.Users;

/// <summary>When credentials expire. Every check takes the current time explicitly; activation is never activity.</summary>
internal sealed class Lifetimes(SessionOptions options)
{
    public SessionOptions Options { get; } = options;

    /// <summary>When a session ends if nothing renews it: browser, the idle deadline (capped by the absolute one);
    /// app, the refresh token's idle deadline (capped likewise).</summary>
    public DateTimeOffset SessionDeadline(SessionRecord session, DateTimeOffset lastSeen) => session.Kind switch
    {
        CredentialKind.Browser => Min(Max(lastSeen, session.LastSeenAt) + Options.BrowserIdleTimeout, session.AbsoluteExpiresAt),
        _ => Min(session.RefreshExpiresAt, session.AbsoluteExpiresAt),
    };

    public bool IsLive(SessionRecord session, DateTimeOffset lastSeen, DateTimeOffset now) =>
        now < SessionDeadline(session, lastSeen);

    public static bool IsLive(ApiTokenRecord token, DateTimeOffset now) => now < token.ExpiresAt;

    public static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    public static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
