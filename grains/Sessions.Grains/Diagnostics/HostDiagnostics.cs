using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sessions.Grains.Diagnostics;

/// <summary>What both hosts — the front end and the silo — answer alike about their own health and telemetry, so
/// the two never disagree (docs/operations.md).</summary>
public static class HostDiagnostics
{
    /// <summary>The tag of the health checks that decide readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// What <c>/readyz</c> answers for each health status: 200 only when healthy. Degraded is 503 too (ASP.NET's
    /// default would say 200): a check reporting degraded means "do not send traffic here yet", and a load balancer
    /// only reads the status code.
    /// </summary>
    public static Dictionary<HealthStatus, int> ReadinessStatusCodes() => new()
    {
        [HealthStatus.Healthy] = 200,
        [HealthStatus.Degraded] = 503,
        [HealthStatus.Unhealthy] = 503,
    };

    /// <summary>Whether telemetry is exported over OTLP: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the variable the
    /// OpenTelemetry exporter itself reads). Only then are traces collected, so an idle pipeline costs nothing.</summary>
    public static bool ExportsOtlp(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
}
