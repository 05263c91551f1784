namespace Sessions.Web.Hosting;

/// <summary>How this front end reaches the grains and whom it believes (configuration section <c>Sessions:Web</c>).
/// Validated at start (<see cref="WebOptionsValidator"/>): a value that cannot work stops the process with its key named.</summary>
public sealed class WebOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sessions:Web";

    /// <summary><see cref="SiloMode.Embedded"/> (default): a silo runs inside this process on a SQLite file — nothing
    /// to install. <see cref="SiloMode.External"/>: this process is a pure Orleans client of a separate silo cluster.</summary>
    public SiloMode Silo { get; set; } = SiloMode.Embedded;

    /// <summary>Reverse proxies (IP addresses or CIDR networks) whose X-Forwarded-* headers are believed. Default none:
    /// a forwarded header from anyone else could fake the client's address or the origin (docs/threat-model.md, B14).</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>How long a call to a grain may take before the request fails with 503; positive. Default 10 s
    /// (Orleans' own default is 30 s, longer than any client waits).</summary>
    public TimeSpan GrainCallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Origins (<c>scheme://host[:port]</c>, as browsers send <c>Origin</c>), besides this server's own,
    /// allowed to make cookie-authenticated state changes, for a page served from another origin. Default none.</summary>
    public string[] TrustedOrigins { get; set; } = [];

    /// <summary>The origins (<c>scheme://host[:port]</c>) people and apps reach this front end at, e.g.
    /// <c>https://login.example.com</c>. A request whose host (as the trusted-proxy rules give it) is not one of
    /// theirs gets 400, and a cookie-authenticated change whose <c>Origin</c> is not one of them (or of
    /// <see cref="TrustedOrigins"/>) gets 403. Default none: only loopback names (<c>localhost</c>, 127.0.0.0/8,
    /// <c>[::1]</c>, any port) are answered, so a grid nobody has named refuses names it cannot know rather than
    /// believing any (docs/threat-model.md, B23). Set it when the grid is reached under a real name.</summary>
    public string[] PublicOrigins { get; set; } = [];

    /// <summary>Whether the Orleans dashboard runs (<c>/dashboard</c>, behind an operator key). Default true. Off, the
    /// route answers 404 and its telemetry stops: the dashboard keeps its own OpenTelemetry meter provider, which
    /// records every Orleans instrument (the per-message ones the exported metrics drop included) and collects them
    /// every second, and a grain call filter that times every call; bench/results/2026-12-02-perf-notes.md measures
    /// what that costs a validated request.</summary>
    public bool Dashboard { get; set; } = true;
}

/// <summary>Where the grains run.</summary>
public enum SiloMode
{
    /// <summary>In this process (co-hosted silo).</summary>
    Embedded = 1,

    /// <summary>In separate silo processes; this process is an Orleans client.</summary>
    External = 2,
}
