using Microsoft.Extensions.DependencyInjection.Extensions;
using Sessions.Grains.Abstractions.Abuse;
using Sessions.Grains.Abuse;
using Sessions.Grains.Hosting;

namespace Sessions.Web.Abuse;

/// <summary>The front end's half of abuse resistance: per-address limits on sign-in and registration (counted in
/// the client network's grain) and the tarpit for what they refuse. The silo's half — the bound on password
/// hashing — is in <see cref="PasswordHashGate"/>.</summary>
public static class AbuseLimitExtensions
{
    /// <summary>Adds the limits, configured from <c>Sessions:Abuse</c> (<see cref="AbuseOptions"/>, validated at start).</summary>
    public static IServiceCollection AddSessionGridAbuseLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSessionGridAbuseOptions(configuration);
        services.TryAddKeyedSingleton(SessionGrid.ClockKey, TimeProvider.System);
        services.AddSingleton<ClientNetworkLimits>();
        services.AddSingleton<RejectionTarpit>();
        return services;
    }

    /// <summary>Counts every request to this endpoint against its client network's <paramref name="attempt"/> limit
    /// (429 with Retry-After beyond it).</summary>
    public static TBuilder LimitedPerClientNetwork<TBuilder>(this TBuilder endpoint, ClientAttempt attempt)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddEndpointFilter(new ClientNetworkLimitFilter(attempt));
}
