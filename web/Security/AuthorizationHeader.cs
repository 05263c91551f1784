using System.Net.Http.Headers;
using System.Text;

namespace Sessions.Web.Security;

/// <summary>Reading the one Authorization header of operator and resource-server requests.</summary>
internal static class AuthorizationHeader
{
    private const int MaxParameterLength = 1024;

    /// <summary>The scheme and parameter of the request's single Authorization header; false when there is none, more
    /// than one, it does not parse, or its parameter is empty or longer than 1,024 characters.</summary>
    public static bool TryRead(HttpRequest request, out string scheme, out string parameter)
    {
        scheme = parameter = string.Empty;
        if (request.Headers.Authorization.Count != 1
            || !AuthenticationHeaderValue.TryParse(request.Headers.Authorization[0], out var header)
            || header.Parameter is not { Length: > 0 and <= MaxParameterLength } value)
        {
            return false;
        }

        (scheme, parameter) = (header.Scheme, value);
        return true;
    }

    /// <summary>HTTP Basic: the base64 of <c>user:password</c> (UTF-8), split at the first colon.</summary>
    public static bool TryDecodeBasic(string parameter, out string user, out string password)
    {
        user = password = string.Empty;
        Span<byte> decoded = stackalloc byte[MaxParameterLength * 3 / 4];
        if (!Convert.TryFromBase64String(parameter, decoded, out var length))
        {
            return false;
        }

        var pair = Encoding.UTF8.GetString(decoded[..length]);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        (user, password) = (pair[..colon], pair[(colon + 1)..]);
        return true;
    }
}
