using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sessions.Grains.Hosting;

namespace Sessions.Grains.Signals;

/// <summary>Adds the Shared Signals transmitter to a silo (<see cref="SignalsOptions"/>, validated at start; the
/// signing keys loaded when the silo starts).</summary>
internal static class SignalsSiloExtensions
{
    public static IServiceCollection AddSessionGridSignals(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignalsOptions>().Bind(configuration.GetSection(SignalsOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SignalsOptions>, SignalsOptionsValidator>());
        services.TryAddSingleton(sp => SignalSigningKeys.Load(
            sp.GetRequiredService<IOptions<SignalsOptions>>().Value,
            sp.GetRequiredService<IOptions<SessionStorageOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.TryAddSingleton<SecurityEventTokenWriter>();
        services.TryAddSingleton<SignalDelivery>();
        services.TryAddSingleton<SignalMetrics>();
        services.TryAddSingleton<SignalRouting>();
        services.TryAddSingleton<SignalRecovery>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SignalRecovery>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SignalKeysStartup>();
        return services;
    }
}
