namespace Sessions.Web.Authentication.OperatorKeys;

/// <summary>Names used by the operator key authentication scheme.</summary>
public static class OperatorKeyAuthenticationDefaults
{
    /// <summary>The scheme name.</summary>
    public const string AuthenticationScheme = "OperatorKey";

    /// <summary>The claim carrying the name of the key that authenticated the operator (recorded in audit trails).</summary>
    public const string OperatorClaim = "operator";
}
