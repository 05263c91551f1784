namespace Sessions.Web.Events;

/// <summary>
/// Bounds and rhythm of the live sign-out streams, <c>GET /auth/events</c> (configuration section <c>Sessions:Web</c>,
/// beside <see cref="Hosting.WebOptions"/>). Validated at start (<see cref="EventStreamOptionsValidator"/>).
/// </summary>
public sealed class EventStreamOptions
{
    /// <summary>Open streams one user may hold on one front end; beyond it the answer is 429. Default 16: a stream
    /// per open page, and a person with a few devices and several tabs each stays under it, while one stolen
    /// credential cannot take a front end's capacity (docs/threat-model.md, B50).</summary>
    public int EventStreamsPerUser { get; set; } = 16;

    /// <summary>Open streams one front end holds; beyond it the answer is 503 with Retry-After. Default 10,000: each is
    /// an idle connection (a few KiB in Kestrel, under 1 KiB here) and one grain call per
    /// <see cref="EventStreamRecheckInterval"/>, so 10,000 streams cost about 330 calls a second, under 1 % of what a
    /// front end validates. Raise it with the file-descriptor limit.</summary>
    public int MaxEventStreams { get; set; } = 10_000;

    /// <summary>How often an idle stream sends a comment line. Default 15 s: proxies and load balancers close
    /// connections idle for 30–60 s (nginx's <c>proxy_read_timeout</c> is 60 s), and a comment is a few bytes.</summary>
    public TimeSpan EventStreamKeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often each stream's credential is confirmed with the grain even without a notification, and the
    /// subscription renewed. Default 30 s: it bounds how late a stream learns of a revocation whose notification was
    /// lost (a silo failed, the grain moved); at most 60 s, so a subscription
    /// (<see cref="Sessions.Grains.Abstractions.Users.UserEventSubscriptions.Lifetime"/>, 2 min) survives a lost renewal.</summary>
    public TimeSpan EventStreamRecheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}
