using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sessions.Web.Signals;

/// <summary>Registers what the front end needs to publish the transmitter.</summary>
public static class SignalsWebExtensions
{
    public static IServiceCollection AddSessionGridSignals(this IServiceCollection services)
    {
        services.AddSingleton<TransmitterMetadataCache>();
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Add(SignalsJson.Default));
        return services;
    }
}
