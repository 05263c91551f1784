namespace Sessions.Web.Authentication.SessionGrid;

/// <summary>
/// Writes the session cookie by hand so its attributes are exactly: <c>__Host-</c> prefix, Secure, HttpOnly,
/// SameSite=Lax, Path=/, no Domain and no Expires/Max-Age (a browser-session cookie; the grain alone decides
/// expiry). Browsers and curl accept Secure cookies from http://localhost and http://127.0.0.1, so the embedded
/// default works without TLS; anywhere else serve HTTPS.
/// </summary>
public static class SessionCookie
{
    private const string Attributes = "; Secure; HttpOnly; SameSite=Lax; Path=/";

    public static void Append(HttpResponse response, string token) =>
        response.Headers.Append("Set-Cookie", SessionGridAuthenticationDefaults.CookieName + "=" + token + Attributes);

    /// <summary>Tells the browser to drop the cookie (and, with Clear-Site-Data, every cookie of this origin).</summary>
    public static void Clear(HttpResponse response)
    {
        response.Headers.Append(
            "Set-Cookie",
            SessionGridAuthenticationDefaults.CookieName + "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT" + Attributes);
        response.Headers["Clear-Site-Data"] = "\"cookies\"";
    }
}
