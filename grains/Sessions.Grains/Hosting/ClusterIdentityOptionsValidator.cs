using System.Net;
using Microsoft.Extensions.Options;

namespace Sessions.Grains.Hosting;

/// <summary>Refuses cluster settings that cannot work, saying which key is wrong.</summary>
internal sealed class ClusterIdentityOptionsValidator : IValidateOptions<ClusterIdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterIdentityOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ServiceId) || string.IsNullOrWhiteSpace(options.ClusterId))
        {
            errors.Add("Sessions:Cluster:ServiceId and Sessions:Cluster:ClusterId must not be empty.");
        }

        if (options.SiloPort is < 1 or > 65535 || options.GatewayPort is < 1 or > 65535 || options.SiloPort == options.GatewayPort)
        {
            errors.Add($"Sessions:Cluster:SiloPort ({options.SiloPort}) and GatewayPort ({options.GatewayPort}) must be distinct ports in 1-65535.");
        }

        if (!IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            errors.Add($"Sessions:Cluster:AdvertisedAddress must be an IP address (got '{options.AdvertisedAddress}').");
        }

        if (!Enum.IsDefined(options.Membership))
        {
            errors.Add($"Sessions:Cluster:Membership must be {MembershipProvider.Localhost} or {MembershipProvider.PostgreSQL}.");
        }
        else if (options.Membership == MembershipProvider.PostgreSQL
            && PostgresConnectionString.Problem(options.ConnectionString, options.ConnectionStringKey) is { } problem)
        {
            errors.Add(problem);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
