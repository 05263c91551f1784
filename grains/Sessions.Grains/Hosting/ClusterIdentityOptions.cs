namespace Sessions.Grains.Hosting;

/// <summary>
/// The Orleans identity of this deployment and how its members find each other (configuration section
/// <c>Sessions:Cluster</c>). Silos and clients (front ends) read the same section, so one set of settings describes
/// the cluster to both. The service id is part of every stored row's key, so it must never change across restarts
/// or state becomes invisible.
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

    /// <summary>This silo's port for clients (front ends); a localhost client connects to it. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// How silos find each other and clients find gateways. Default <see cref="MembershipProvider.Localhost"/>: one
    /// silo on this machine, nothing to install. <see cref="MembershipProvider.PostgreSQL"/> keeps the membership
    /// table in <see cref="ConnectionString"/>, for any number of silos.
    /// </summary>
    public MembershipProvider Membership { get; set; } = MembershipProvider.Localhost;

    /// <summary>
    /// The PostgreSQL database of the membership table. Default: <c>Sessions:Storage:ConnectionString</c>, so one
    /// database holds grain state and membership unless this names another. Carries a password: see
    /// <see cref="SessionStorageOptions.ConnectionString"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The configuration key <see cref="ConnectionString"/> came from, for messages that name it.</summary>
    internal string ConnectionStringKey { get; set; } = $"{Section}:{nameof(ConnectionString)}";

    /// <summary>
    /// The IP address this silo listens on and advertises to the other silos and to clients. Default
    /// <c>127.0.0.1</c>: nothing off this machine can reach a silo until an operator names the address other hosts
    /// should use.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// With PostgreSQL membership, place activations through Orleans' strongly consistent distributed grain directory
    /// (experimental in 10.x) instead of the default eventually consistent one, so membership changes do not create
    /// duplicate activations of a user. Default true. Set false to roll back to the default directory; change it only
    /// with every silo of the cluster stopped, since silos must agree on their directory.
    /// </summary>
    public bool UseDistributedGrainDirectory { get; set; } = true;
}
