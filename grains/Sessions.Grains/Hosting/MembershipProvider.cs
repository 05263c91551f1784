namespace Sessions.Grains.Hosting;

/// <summary>Where the cluster's membership table lives.</summary>
public enum MembershipProvider
{
    /// <summary>In the one silo on this machine (Orleans development clustering): the embedded default.</summary>
    Localhost = 1,

    /// <summary>In PostgreSQL (Orleans ADO.NET clustering): silos on any number of hosts, clients find gateways there.</summary>
    PostgreSQL = 2,
}
