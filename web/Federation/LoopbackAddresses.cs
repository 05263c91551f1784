using System.Net;

namespace Sessions.Web.Federation;

/// <summary>Which URLs may be plain http: only those on a loopback host (127.0.0.0/8, ::1, localhost), where tests run
/// their providers. Anywhere else metadata and keys are fetched over https, or the grid does not start.</summary>
public static class LoopbackAddresses
{
    /// <summary>Whether <paramref name="uri"/> names a loopback host.</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsAbsoluteUri
        && (string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address)));

    /// <summary>Whether <paramref name="text"/> is an absolute URL to fetch from: https anywhere, http on loopback only,
    /// without user information or a fragment.</summary>
    public static bool IsFetchable(string? text, out Uri? uri)
    {
        uri = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.UserInfo.Length != 0 || parsed.Fragment.Length != 0)
        {
            return false;
        }

        var allowed = parsed.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && IsLoopback(parsed));
        uri = allowed ? parsed : null;
        return allowed;
    }
}
