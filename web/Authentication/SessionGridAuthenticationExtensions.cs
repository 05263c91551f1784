namespace Sessions.Web.Authentication;

/// <summary>Registers the session grid authentication scheme.</summary>
public static class SessionGridAuthenticationExtensions
{
    /// <summary>
    /// Adds the scheme and the authorization policies. No scheme is made the default for authentication, so a
    /// request is authenticated (one grain call) only when its endpoint requires it — never for static files or
    /// probes.
    /// </summary>
    public static IServiceCollection AddSessionGridAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<AuthenticationMetrics>();
        services.AddAuthentication(options =>
            {
                options.DefaultChallengeScheme = SessionGridAuthenticationDefaults.AuthenticationScheme;
                options.DefaultForbidScheme = SessionGridAuthenticationDefaults.AuthenticationScheme;
            })
            .AddScheme<SessionGridAuthenticationOptions, SessionGridAuthenticationHandler>(
                SessionGridAuthenticationDefaults.AuthenticationScheme, configureOptions: null)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, Security.AdminKeyAuthenticationHandler>(
                Security.AdminKeyAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddAuthorization(Policies.Add);
        return services;
    }
}
