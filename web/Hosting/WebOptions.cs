namespace Sessions.Web.Hosting;

/// <summary>How this front end reaches the grains (configuration section <c>Sessions:Web</c>).</summary>
public sealed class WebOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sessions:Web";

    /// <summary><see cref="SiloMode.Embedded"/> (default): a silo runs inside this process on a SQLite file — nothing
    /// to install. <see cref="SiloMode.External"/>: this process is a pure Orleans client of a separate silo cluster.</summary>
    public SiloMode Silo { get; set; } = SiloMode.Embedded;

    /// <summary>Reverse proxies (IP addresses or CIDR networks) whose X-Forwarded-* headers are believed. Default none.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>How long a call to a grain may take before the request fails with 503. Default 10 s (Orleans'
    /// own default is 30 s, longer than any client waits).</summary>
    public TimeSpan GrainCallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Origins, besides this server's own, allowed to make cookie-authenticated state changes
    /// (for a page served from another origin). Default none.</summary>
    public string[] TrustedOrigins { get; set; } = [];
}

/// <summary>Where the grains run.</summary>
public enum SiloMode
{
    /// <summary>In this process (co-hosted silo).</summary>
    Embedded = 1,

    /// <summary>In separate silo processes; this process is an Orleans client.</summary>
    External = 2,
}
