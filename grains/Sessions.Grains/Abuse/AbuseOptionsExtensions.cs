using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Sessions.Grains.Abuse;

/// <summary>Binds <see cref="AbuseOptions"/> once per process: a silo and a front end in one process (the embedded
/// default) both ask for it, and binding twice would list every exempt network twice.</summary>
public static class AbuseOptionsExtensions
{
    /// <summary>Binds <c>Sessions:Abuse</c> to <see cref="AbuseOptions"/>, validated at start; does nothing the second time.</summary>
    public static IServiceCollection AddSessionGridAbuseOptions(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(service => service.ImplementationType == typeof(AbuseOptionsValidator)))
        {
            return services;
        }

        services.AddOptions<AbuseOptions>().Bind(configuration.GetSection(AbuseOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AbuseOptions>, AbuseOptionsValidator>();
        return services;
    }
}
