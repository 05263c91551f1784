namespace Sessions.Web.Federation.SignIn;

/// <summary>The names and paths of the federated sign-in: one OpenID Connect scheme per configured provider.</summary>
public static class FederatedSignInDefaults
{
    /// <summary>Prefix of the scheme names: <c>federation-&lt;provider name&gt;</c>.</summary>
    public const string SchemePrefix = "federation-";

    /// <summary>The OpenID Connect scheme of provider <paramref name="providerName"/>.</summary>
    public static string SchemeOf(string providerName) => SchemePrefix + providerName;

    /// <summary>The redirect URI path to register at the provider: <c>/auth/federation/{name}/callback</c>.</summary>
    public static string CallbackPath(string providerName) => $"/auth/federation/{providerName}/callback";

    /// <summary>The back-channel logout URI path to register at the provider:
    /// <c>/auth/federation/{name}/backchannel-logout</c>.</summary>
    public static string BackChannelLogoutPath(string providerName) => $"/auth/federation/{providerName}/backchannel-logout";

    /// <summary>The page's query parameter that says why a federated sign-in did not finish (<c>denied</c>,
    /// <c>disabled</c>, <c>failed</c>); the page shows a sentence for it.</summary>
    public const string ErrorParameter = "signin-error";
}
