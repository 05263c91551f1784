using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Sessions.Web.Authentication.ResourceServers;

/// <summary>Registers the resource server authentication scheme.</summary>
public static class ResourceServerAuthenticationExtensions
{
    /// <summary>Adds the resource server scheme under <see cref="ResourceServerAuthenticationDefaults.AuthenticationScheme"/>,
    /// with the clients of <c>Sessions:ResourceServers:Clients</c>.</summary>
    public static AuthenticationBuilder AddResourceServers(this AuthenticationBuilder builder) =>
        builder.AddResourceServers(ResourceServerAuthenticationDefaults.AuthenticationScheme, configure: null);

    /// <summary>Adds the resource server scheme under <see cref="ResourceServerAuthenticationDefaults.AuthenticationScheme"/>.</summary>
    public static AuthenticationBuilder AddResourceServers(this AuthenticationBuilder builder, Action<ResourceServerAuthenticationOptions> configure) =>
        builder.AddResourceServers(ResourceServerAuthenticationDefaults.AuthenticationScheme, configure);

    /// <summary>Adds the resource server scheme under <paramref name="authenticationScheme"/>: options bound from
    /// <see cref="ResourceServerAuthenticationOptions.Section"/>, then <paramref name="configure"/>, validated at start.</summary>
    public static AuthenticationBuilder AddResourceServers(
        this AuthenticationBuilder builder, string authenticationScheme, Action<ResourceServerAuthenticationOptions>? configure)
    {
        builder.Services.AddOptions<ResourceServerAuthenticationOptions>(authenticationScheme)
            .BindConfiguration(ResourceServerAuthenticationOptions.Section)
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<ResourceServerAuthenticationOptions>, ResourceServerAuthenticationOptionsValidator>());
        return builder.AddScheme<ResourceServerAuthenticationOptions, ResourceServerAuthenticationHandler>(authenticationScheme, configure);
    }
}
