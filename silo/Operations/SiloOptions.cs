namespace Sessions.Silo.Operations;

/// <summary>The silo's management endpoint (configuration section <c>Sessions:Silo</c>).</summary>
public sealed class SiloOptions
{
    public const string Section = "Sessions:Silo";

    /// <summary>Where <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> are served. Loopback by default: metrics
    /// describe the cluster and are for the operator's scraper, not the world. Give each silo on one machine its own
    /// port. Default <c>http://127.0.0.1:8081</c>.</summary>
    public string ManagementUrls { get; set; } = "http://127.0.0.1:8081";
}
