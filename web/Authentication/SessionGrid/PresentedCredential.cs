namespace Sessions.Web.Authentication.SessionGrid;

/// <summary>
/// Finds the one credential a request presents — the session cookie or an <c>Authorization: Bearer</c> token —
/// and refuses ambiguity: two cookies named like ours (duplicated, differently cased or unprefixed), two
/// Authorization headers, or a cookie and a bearer token together are rejected, never "first one wins".
/// Tokens in the query string or the body are never read (docs/threat-model.md, B11 and B12).
/// </summary>
internal static class PresentedCredential
{
    /// <summary>Reads the credential. <paramref name="token"/> is null when none was presented.</summary>
    /// <returns>False when what was presented is ambiguous or malformed.</returns>
    public static bool TryRead(HttpRequest request, out string? token, out bool fromCookie)
    {
        token = null;
        fromCookie = false;
        if (!TryReadCookie(request, out var cookie) || !TryReadBearer(request, out var bearer))
        {
            return false;
        }

        if (cookie is not null && bearer is not null)
        {
            return false;
        }

        token = cookie ?? bearer;
        fromCookie = cookie is not null;
        return true;
    }

    private static bool TryReadCookie(HttpRequest request, out string? value)
    {
        value = null;
        foreach (var header in request.Headers.Cookie)
        {
            if (header is null)
            {
                continue;
            }

            // Split by hand: CookieHeaderValue.TryParseList silently drops pairs whose value it finds malformed (a
            // space, a comma, a quote, non-ASCII), so "__Host-sid=<valid>; __Host-sid=<junk value>" read as one cookie.
            // A second cookie named like ours makes the request ambiguous whatever its value; the codec judges values.
            var text = header.AsSpan();
            foreach (var range in text.Split(';'))
            {
                var pair = text[range];
                var equals = pair.IndexOf('=');
                var name = (equals < 0 ? pair : pair[..equals]).Trim();
                if (!IsOurs(name))
                {
                    continue;
                }

                if (value is not null || equals < 0 || !name.Equals(SessionGridAuthenticationDefaults.CookieName, StringComparison.Ordinal))
                {
                    return false;
                }

                value = pair[(equals + 1)..].ToString();
            }
        }

        return true;
    }

    private static bool TryReadBearer(HttpRequest request, out string? value)
    {
        value = null;
        if (!AuthorizationHeader.TryRead(request, out var scheme, out var parameter))
        {
            return false;
        }

        if (parameter is null)
        {
            return true;
        }

        // Any other scheme here is a credential we cannot judge: refused, not ignored.
        value = AuthorizationHeader.IsScheme(scheme, "Bearer") ? parameter : null;
        return value is not null;
    }

    /// <summary>Our cookie name in any disguise: another case, or without the prefix.</summary>
    private static bool IsOurs(ReadOnlySpan<char> name)
    {
        const string Bare = "sid";
        if (name.StartsWith("__Host-", StringComparison.OrdinalIgnoreCase) || name.StartsWith("__Secure-", StringComparison.OrdinalIgnoreCase))
        {
            name = name[(name.IndexOf('-') + 1)..];
        }

        return name.Equals(Bare, StringComparison.OrdinalIgnoreCase);
    }
}
