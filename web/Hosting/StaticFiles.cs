namespace Sessions.Web.Hosting;

/// <summary>
/// Which requests may be answered from <c>wwwroot</c>: page loads only. API, probe and operator paths never look at
/// the file system, so the per-request cost of the static-file middleware (a file lookup) stays off the hot path.
/// </summary>
public static class StaticFiles
{
    private static readonly string[] ApiPrefixes = ["/auth", "/oauth", "/admin", "/openapi", "/healthz", "/readyz", "/metrics", "/dashboard"];

    public static bool MayServe(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            return false;
        }

        foreach (var prefix in ApiPrefixes)
        {
            if (request.Path.StartsWithSegments(prefix))
            {
                return false;
            }
        }

        return true;
    }
}
