using Sessions.Web.Hosting;

namespace Sessions.Web.Apis;

/// <summary>
/// The grid's own absolute URLs as callers outside name them: under each of <c>Sessions:Web:PublicOrigins</c> (behind
/// a TLS-terminating proxy the request itself says <c>http://</c>, but callers use the configured <c>https://</c>
/// origin), or, with none configured, under the request's own <c>scheme://host</c>, which can then only be a loopback
/// name (docs/threat-model.md, B23). A bearer assertion's <c>aud</c> (RFC 7523 §3) and the metadata's <c>issuer</c>
/// (RFC 8414 §3.3) are compared with these.
/// </summary>
internal static class PublicEndpoints
{
    /// <summary>Every absolute URL of <paramref name="path"/> (e.g. <c>/oauth/global-token-revocation</c>).</summary>
    public static string[] UrlsOf(HttpRequest request, WebOptions options, string path) =>
        options.PublicOrigins.Length > 0
            ? options.PublicOrigins.Select(origin => origin.TrimEnd('/') + path).ToArray()
            : [OwnOrigin(request) + path];

    /// <summary>The origin <paramref name="request"/> reached the grid at: the configured public origin of its host
    /// (the first, when several share it), or the request's own when none is configured.</summary>
    public static string OriginOf(HttpRequest request, WebOptions options)
    {
        if (options.PublicOrigins.Length == 0)
        {
            return OwnOrigin(request);
        }

        var host = request.Host.Host.Trim('[', ']');
        var origin = options.PublicOrigins.FirstOrDefault(o => Uri.TryCreate(o, UriKind.Absolute, out var uri)
            && string.Equals(uri.IdnHost, host, StringComparison.OrdinalIgnoreCase)) ?? options.PublicOrigins[0];
        return origin.TrimEnd('/');
    }

    private static string OwnOrigin(HttpRequest request) => $"{request.Scheme}://{request.Host}";
}
