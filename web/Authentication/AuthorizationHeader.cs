using System.Text;

namespace Sessions.Web.Authentication;

/// <summary>
/// The one reader of the <c>Authorization</c> header, for every scheme: the request's single header, split into
/// scheme and parameter at its first space (RFC 9110 §11.4). Strict on purpose: a second header, a header without a
/// space, or an empty or overlong parameter is malformed, never guessed at (docs/threat-model.md, B1, B3, B11). It runs
/// on every validated request, so it allocates nothing but the parameter string.
/// </summary>
internal static class AuthorizationHeader
{
    /// <summary>The longest parameter read, in characters: room for any of our tokens (139 characters) and for HTTP
    /// Basic with a long client id and secret. Anything longer is refused before it is decoded, hashed or sent on.</summary>
    public const int MaxParameterLength = 1024;

    /// <summary>Reads the request's Authorization header.</summary>
    /// <param name="request">The request.</param>
    /// <param name="scheme">The scheme as sent; compare it ignoring case (RFC 9110 §11.1), see <see cref="IsScheme"/>.</param>
    /// <param name="parameter">Everything after the first space, or null when the request has no Authorization header.</param>
    /// <returns>False when the header is malformed: more than one, no space, or a parameter that is empty or longer
    /// than <see cref="MaxParameterLength"/>.</returns>
    public static bool TryRead(HttpRequest request, out ReadOnlySpan<char> scheme, out string? parameter)
    {
        scheme = default;
        parameter = null;
        var headers = request.Headers.Authorization;
        if (headers.Count == 0)
        {
            return true;
        }

        if (headers.Count > 1 || headers[0] is not { } header)
        {
            return false;
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || header.Length - space - 1 is < 1 or > MaxParameterLength)
        {
            return false;
        }

        scheme = header.AsSpan(0, space);
        parameter = header[(space + 1)..];
        return true;
    }

    /// <summary>Whether a scheme read by <see cref="TryRead"/> is <paramref name="expected"/>, ignoring case.</summary>
    public static bool IsScheme(ReadOnlySpan<char> scheme, string expected) => scheme.Equals(expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>HTTP Basic (RFC 7617): the base64 of <c>user:password</c> in UTF-8, split at the first colon.</summary>
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
