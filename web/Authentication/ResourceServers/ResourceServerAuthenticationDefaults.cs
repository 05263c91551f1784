namespace Sessions.Web.Authentication.ResourceServers;

/// <summary>Names used by the resource server authentication scheme.</summary>
public static class ResourceServerAuthenticationDefaults
{
    /// <summary>The scheme name.</summary>
    public const string AuthenticationScheme = "ResourceServer";

    /// <summary>The challenge: HTTP Basic (RFC 6749 §2.3.1) in the grid's realm.</summary>
    public const string Challenge = "Basic realm=\"session-grid\"";

    /// <summary>The claim carrying the authenticated client id (the name RFC 7662 uses for it).</summary>
    public const string ClientIdClaim = "client_id";

    /// <summary>The challenge parameter (see <c>AuthenticationProperties.Parameters</c>) carrying the
    /// <c>error_description</c> of the 401; without it the challenge says introspection needs credentials.</summary>
    public const string ErrorDescriptionParameter = "error_description";
}
