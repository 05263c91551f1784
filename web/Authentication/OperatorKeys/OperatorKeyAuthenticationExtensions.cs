using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Sessions.Web.Authentication.OperatorKeys;

/// <summary>Registers the operator key authentication scheme.</summary>
public static class OperatorKeyAuthenticationExtensions
{
    /// <summary>Adds the operator key scheme under <see cref="OperatorKeyAuthenticationDefaults.AuthenticationScheme"/>,
    /// with the keys of <c>Sessions:Admin:Keys</c>.</summary>
    public static AuthenticationBuilder AddOperatorKeys(this AuthenticationBuilder builder) =>
        builder.AddOperatorKeys(OperatorKeyAuthenticationDefaults.AuthenticationScheme, configure: null);

    /// <summary>Adds the operator key scheme under <see cref="OperatorKeyAuthenticationDefaults.AuthenticationScheme"/>.</summary>
    public static AuthenticationBuilder AddOperatorKeys(this AuthenticationBuilder builder, Action<OperatorKeyAuthenticationOptions> configure) =>
        builder.AddOperatorKeys(OperatorKeyAuthenticationDefaults.AuthenticationScheme, configure);

    /// <summary>Adds the operator key scheme under <paramref name="authenticationScheme"/>: options bound from
    /// <see cref="OperatorKeyAuthenticationOptions.Section"/>, then <paramref name="configure"/>, validated at start.</summary>
    public static AuthenticationBuilder AddOperatorKeys(
        this AuthenticationBuilder builder, string authenticationScheme, Action<OperatorKeyAuthenticationOptions>? configure)
    {
        builder.Services.AddOptions<OperatorKeyAuthenticationOptions>(authenticationScheme)
            .BindConfiguration(OperatorKeyAuthenticationOptions.Section)
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<OperatorKeyAuthenticationOptions>, OperatorKeyAuthenticationOptionsValidator>());
        return builder.AddScheme<OperatorKeyAuthenticationOptions, OperatorKeyAuthenticationHandler>(authenticationScheme, configure);
    }
}
