using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sessions.Grains.Hosting;
using Sessions.Web.Federation.BackChannelLogout;
using Sessions.Web.Federation.GlobalRevocation;
using Sessions.Web.Federation.Keys;
using Sessions.Web.Federation.SharedSignals;

namespace Sessions.Web.Federation;

/// <summary>Registers the federation security core: options, provider and transmitter metadata, the validators.</summary>
public static class FederationServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="FederationOptions"/> (bound from <see cref="FederationOptions.Section"/>, validated at start),
    /// <see cref="FederationIssuers"/> and the three validators (<see cref="LogoutTokenValidator"/>,
    /// <see cref="SecurityEventTokenValidator"/>, <see cref="RevocationAssertionValidator"/>), all singletons. Times come
    /// from the <see cref="TimeProvider"/> keyed <see cref="SessionGrid.ClockKey"/> (the system clock unless a test set one).
    /// </summary>
    public static IServiceCollection AddSessionGridFederation(this IServiceCollection services)
    {
        services.AddOptions<FederationOptions>()
            .BindConfiguration(FederationOptions.Section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FederationOptions>, FederationOptionsValidator>());
        services.TryAddKeyedSingleton(SessionGrid.ClockKey, TimeProvider.System);
        services.TryAddSingleton<FederationIssuers>();
        services.TryAddSingleton<LogoutTokenValidator>();
        services.TryAddSingleton<SecurityEventTokenValidator>();
        services.TryAddSingleton<RevocationAssertionValidator>();
        return services;
    }
}
