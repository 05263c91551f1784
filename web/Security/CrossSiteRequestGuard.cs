using Microsoft.Extensions.Options;
using Sessions.Web.Hosting;

namespace Sessions.Web.Security;

/// <summary>
/// Refuses state-changing requests to the API that a browser made on behalf of another site (CSRF): Fetch
/// Metadata first (<c>Sec-Fetch-Site</c> must be <c>same-origin</c> or <c>none</c>), the <c>Origin</c> header
/// as fallback (it must be this server's origin or a configured trusted one). Requests carrying neither header
/// are not made by a browser on a page's behalf (curl, apps, servers) and pass; they still need a credential.
/// Refused requests get 403 and change nothing. The session cookie's SameSite=Lax is a second, independent layer.
/// </summary>
public sealed class CrossSiteRequestGuard(RequestDelegate next, IOptions<WebOptions> options)
{
    private readonly HashSet<string> _trusted = new(options.Value.TrustedOrigins, StringComparer.OrdinalIgnoreCase);

    /// <summary>The paths the guard protects: the API that cookies authenticate, and the operator API.</summary>
    public static bool Covers(PathString path) => path.StartsWithSegments("/auth") || path.StartsWithSegments("/admin");

    /// <summary>Whether a request with this method may change state (anything but GET, HEAD and OPTIONS).</summary>
    public static bool IsStateChanging(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    public Task InvokeAsync(HttpContext context) =>
        IsStateChanging(context.Request.Method) && IsCrossSite(context.Request) ? RefuseAsync(context) : next(context);

    private bool IsCrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"];
        if (site.Count > 0)
        {
            return site.Count > 1 || !(site[0] is "same-origin" or "none");
        }

        var origin = request.Headers.Origin;
        if (origin.Count == 0)
        {
            return false;
        }

        var own = $"{request.Scheme}://{request.Host}";
        return origin.Count > 1 || !(string.Equals(origin[0], own, StringComparison.OrdinalIgnoreCase) || _trusted.Contains(origin[0]!));
    }

    private static Task RefuseAsync(HttpContext context) =>
        Results.Problem(
            "State-changing requests must come from this site's own pages (checked with Sec-Fetch-Site and Origin).",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Cross-site request refused").ExecuteAsync(context);
}
