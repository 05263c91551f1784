namespace Sessions.Web.Security;

/// <summary>
/// Response headers every answer carries: no sniffing, no framing, no referrer; API answers (which carry tokens)
/// are never stored by a cache; the page may only load its own scripts and styles.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string PagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        var path = context.Request.Path;
        if (path.StartsWithSegments("/auth") || path.StartsWithSegments("/oauth") || path.StartsWithSegments("/admin")
            || path.StartsWithSegments("/openapi"))
        {
            headers.CacheControl = "no-store";
        }
        else if (!path.StartsWithSegments("/dashboard"))
        {
            // The Orleans dashboard ships its own scripts and styles; it is behind the admin key instead.
            headers.ContentSecurityPolicy = PagePolicy;
        }

        return next(context);
    }
}
