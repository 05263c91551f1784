using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sessions.Web.Federation.BackChannelLogout;

namespace Sessions.Web.Federation.SignIn;

/// <summary>Registers sign-in through the configured OpenID Connect providers and their back-channel logout.</summary>
public static class FederatedSignInExtensions
{
    /// <summary>
    /// Adds one OpenID Connect scheme per provider under <c>Sessions:Federation:Providers</c> in
    /// <paramref name="configuration"/> (<see cref="FederatedSignInDefaults.SchemeOf"/>, configured by
    /// <see cref="FederatedSignInOptionsSetup"/>), the events that turn a validated ID token into a grid session, and
    /// <see cref="ProviderLogout"/>. The schemes handle only their callback, when its endpoint asks them to: no
    /// middleware runs for other requests. Needs <see cref="FederationServiceCollectionExtensions.AddSessionGridFederation"/>.
    /// </summary>
    public static IServiceCollection AddSessionGridFederatedSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        var authentication = services.AddAuthentication();
        foreach (var provider in configuration.GetSection(FederationOptions.Section + ":Providers").GetChildren())
        {
            // An invalid name stops the start in FederationOptionsValidator; it gets no scheme meanwhile.
            if (FederationNames.IsValid(provider.Key))
            {
                authentication.AddOpenIdConnect(FederatedSignInDefaults.SchemeOf(provider.Key), _ => { });
            }
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<OpenIdConnectOptions>, FederatedSignInOptionsSetup>());
        services.TryAddSingleton<FederatedSignInEvents>();
        services.TryAddSingleton<ProviderLogout>();
        return services;
    }
}
