using Microsoft.Extensions.Options;
using Sessions.Web.Hosting;
using Sessions.Web.Http;

namespace Sessions.Web.Security;

/// <summary>
/// Refuses a request for a host this front end is not published under (<see cref="PublicOrigins"/>; the host as the
/// trusted-proxy rules give it, <see cref="TrustedProxyExtensions"/>) with 400 before any endpoint or authentication
/// runs. Otherwise a page under an attacker's name that resolves to this server (DNS rebinding) could read its
/// answers, and would pass the cross-site check with its own name as both Host and Origin (docs/threat-model.md,
/// B23). The refusal never echoes the host.
/// </summary>
public sealed class UnknownHostGuard(RequestDelegate next, IOptions<WebOptions> options)
{
    private readonly PublicOrigins _origins = new(options.Value);

    public Task InvokeAsync(HttpContext context) =>
        IsProbe(context.Request.Path) || _origins.Names(context.Request.Host) ? next(context) : RefuseAsync(context);

    /// <summary>The liveness and readiness probes answer under any host: orchestrators probe a pod or container by
    /// its address, which no public origin names, and a probe reads no account and changes nothing.</summary>
    private static bool IsProbe(PathString path) => path.Equals("/healthz") || path.Equals("/readyz");

    private static Task RefuseAsync(HttpContext context) =>
        Problems.BadRequest(
            "Unknown host",
            "This server does not answer under the host this request names (see Sessions:Web:PublicOrigins).").ExecuteAsync(context);
}
