using Microsoft.Extensions.Options;
using Sessions.Web.Hosting;

namespace Sessions.Web.Security;

/// <summary>
/// Refuses state-changing requests to the API that a browser made on behalf of another site (CSRF). The
/// <c>Origin</c> header decides when present: it must be one of this server's origins (<see cref="PublicOrigins"/>)
/// or a configured trusted one, whatever <c>Sec-Fetch-Site</c> claims: that header is only the browser's view (under
/// a name that rebinds to this server it calls the attacker's page same-origin, and it calls a trusted origin's page
/// cross-site), while <c>Origin</c> names the page and can be compared with ours (docs/threat-model.md, B17).
/// <c>null</c>, an empty value and two <c>Origin</c> headers are refused. Without <c>Origin</c>, Fetch Metadata
/// decides: <c>Sec-Fetch-Site</c> must be <c>same-origin</c> or <c>none</c>. Requests carrying neither header are
/// not made by a browser on a page's behalf (curl, apps, servers) and pass; they still need a credential.
/// Refused requests get 403 and change nothing. The session cookie's SameSite=Lax is a second, independent layer.
/// </summary>
public sealed class CrossSiteRequestGuard(RequestDelegate next, IOptions<WebOptions> options)
{
    private readonly HashSet<string> _trusted = new(options.Value.TrustedOrigins, StringComparer.OrdinalIgnoreCase);
    private readonly PublicOrigins _own = new(options.Value);

    /// <summary>The paths the guard protects: the API that cookies authenticate, and the operator API.</summary>
    public static bool Covers(PathString path) => path.StartsWithSegments("/auth") || path.StartsWithSegments("/admin");

    /// <summary>Whether a request with this method may change state (anything but GET, HEAD and OPTIONS).</summary>
    public static bool IsStateChanging(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    public Task InvokeAsync(HttpContext context) =>
        IsStateChanging(context.Request.Method) && IsCrossSite(context.Request) ? RefuseAsync(context) : next(context);

    private bool IsCrossSite(HttpRequest request)
    {
        var origin = request.Headers.Origin;
        if (origin.Count > 0)
        {
            return origin.Count > 1 || !(_own.IsOwn(origin[0]!, request) || _trusted.Contains(origin[0]!));
        }

        var site = request.Headers["Sec-Fetch-Site"];
        return site.Count > 0 && (site.Count > 1 || !(site[0] is "same-origin" or "none"));
    }

    private static Task RefuseAsync(HttpContext context) =>
        Results.Problem(
            "State-changing requests must come from this site's own pages (checked with Sec-Fetch-Site and Origin).",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Cross-site request refused").ExecuteAsync(context);
}
