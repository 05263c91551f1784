namespace Sessions.Web.Authentication.SessionGrid;

/// <summary>Names used by the session grid authentication scheme.</summary>
public static class SessionGridAuthenticationDefaults
{
    /// <summary>The scheme name.</summary>
    public const string AuthenticationScheme = "SessionGrid";

    /// <summary>The session cookie. The <c>__Host-</c> prefix makes browsers refuse it unless it is Secure, has
    /// Path=/ and no Domain, so no sibling subdomain can plant or shadow it.</summary>
    public const string CookieName = "__Host-sid";
}
