using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Sessions.Grains.Diagnostics;

namespace Sessions.Web.Hosting;

/// <summary>
/// <c>/healthz</c>: liveness, local only (the process serves HTTP), never a grain call or a database query, so a
/// struggling cluster never gets front ends restarted. <c>/readyz</c>: readiness, the cluster and its storage answer.
/// </summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddSessionGridHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<GridReadinessCheck>("grid", tags: [HostDiagnostics.ReadyTag]);
        return services;
    }

    public static WebApplication MapSessionGridHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HostDiagnostics.ReadyTag),
            ResultStatusCodes = HostDiagnostics.ReadinessStatusCodes(),
        });
        return app;
    }
}
