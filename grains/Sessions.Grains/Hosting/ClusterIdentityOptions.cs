namespace Sessions.Grains.Hosting;

/// <summary>
/// The Orleans identity of this deployment (configuration section <c>Sessions:Cluster</c>). The service id is part of
/// every stored row's key, so it must never change across restarts or state becomes invisible.
/// </summary>
public sealed class ClusterIdentityOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sessions:Cluster";

    /// <summary>Stable across restarts and deployments. Default <c>session-grid</c>.</summary>
    public string ServiceId { get; set; } = "session-grid";

    /// <summary>Silos and clients with the same cluster id form one cluster. Default <c>session-grid</c>.</summary>
    public string ClusterId { get; set; } = "session-grid";

    /// <summary>This silo's port for silo-to-silo traffic. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>This silo's port for clients (front ends). Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;
}
