using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Sessions.Grains.Diagnostics;
using Sessions.Web.Authentication;

namespace Sessions.Web.Hosting;

/// <summary>
/// OpenTelemetry for the front end (and its co-hosted silo): the Orleans meter and activity sources plus our own
/// meters, a Prometheus scrape endpoint (behind the admin key) and OTLP export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set. Traces are collected only when exported, so an idle trace pipeline costs the hot path nothing.
/// No instrument or span carries a credential: labels are words like "valid" or "session".
/// </summary>
public static class ObservabilityExtensions
{
    private static readonly string[] OrleansSources =
    [
        "Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Lifecycle", "Microsoft.Orleans.Storage",
    ];

    public static WebApplicationBuilder AddSessionGridObservability(this WebApplicationBuilder builder)
    {
        var otlp = HostDiagnostics.ExportsOtlp(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("session-grid-web"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("Microsoft.Orleans", AuthenticationMetrics.MeterName, GridMetrics.MeterName)
                    .AddView(instrument => GridMetrics.IsPerMessageOrleansInstrument(instrument.Name) ? MetricStreamConfiguration.Drop : null)
                    .AddView(instrument => PerRequestInstruments.IsDropped(instrument.Name) ? MetricStreamConfiguration.Drop : null)
                    .AddAspNetCoreInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(OrleansSources)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter());
        }

        return builder;
    }
}
