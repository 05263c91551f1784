using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sessions.Web.Authentication.SessionGrid;

/// <summary>Registers the session grid authentication scheme.</summary>
public static class SessionGridAuthenticationExtensions
{
    /// <summary>Adds the session grid scheme under <see cref="SessionGridAuthenticationDefaults.AuthenticationScheme"/>:
    /// the session cookie or a bearer token, judged by the user's grain in one call.</summary>
    public static AuthenticationBuilder AddSessionGrid(this AuthenticationBuilder builder) =>
        builder.AddSessionGrid(SessionGridAuthenticationDefaults.AuthenticationScheme, configure: null);

    /// <summary>Adds the session grid scheme under <see cref="SessionGridAuthenticationDefaults.AuthenticationScheme"/>.</summary>
    public static AuthenticationBuilder AddSessionGrid(this AuthenticationBuilder builder, Action<SessionGridAuthenticationOptions> configure) =>
        builder.AddSessionGrid(SessionGridAuthenticationDefaults.AuthenticationScheme, configure);

    /// <summary>Adds the session grid scheme under <paramref name="authenticationScheme"/>. It needs the grid's
    /// <c>TokenCodec</c> and <c>UserGrains</c> (registered with the backend).</summary>
    public static AuthenticationBuilder AddSessionGrid(
        this AuthenticationBuilder builder, string authenticationScheme, Action<SessionGridAuthenticationOptions>? configure)
    {
        builder.Services.TryAddSingleton<AuthenticationMetrics>();
        return builder.AddScheme<SessionGridAuthenticationOptions, SessionGridAuthenticationHandler>(authenticationScheme, configure);
    }
}
