using System.Net;

namespace Sessions.Grains.Signals;

/// <summary>Which URLs signals may be sent to or named by: https anywhere, plain http only on a loopback host
/// (127.0.0.0/8, ::1, localhost), where tests run their receivers — the federation options' rule.</summary>
internal static class SignalUrls
{
    /// <summary>Whether <paramref name="text"/> is such a URL, without user information or a fragment.</summary>
    public static bool IsSecure(string? text, out Uri? uri)
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

    private static bool IsLoopback(Uri uri) =>
        string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address));
}
