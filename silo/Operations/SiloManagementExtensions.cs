using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Sessions.Grains.Diagnostics;

namespace Sessions.Silo.Operations;

/// <summary>
/// What an operator's tooling needs from a silo: liveness that is local only, readiness (active member, storage
/// answers), Prometheus metrics (Orleans and the grid's meters), OTLP export of metrics and traces when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class SiloManagementExtensions
{
    public static WebApplicationBuilder AddSiloManagement(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        builder.WebHost.UseUrls(options.ManagementUrls);
        builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: [HostDiagnostics.ReadyTag]);

        var exported = HostDiagnostics.ExportsOtlp(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("session-grid-silo"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("Microsoft.Orleans", GridMetrics.MeterName)
                    .AddView(instrument => GridMetrics.IsPerMessageOrleansInstrument(instrument.Name) ? MetricStreamConfiguration.Drop : null)
                    .AddPrometheusExporter();
                if (exported)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (exported)
        {
            telemetry.WithTracing(tracing => tracing.AddSource("Microsoft.Orleans.*").AddOtlpExporter());
        }

        return builder;
    }

    public static WebApplication MapSiloManagement(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HostDiagnostics.ReadyTag),
            ResultStatusCodes = HostDiagnostics.ReadinessStatusCodes(),
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
