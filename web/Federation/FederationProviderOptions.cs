namespace Sessions.Web.Federation;

/// <summary>One OpenID Connect provider (<c>Sessions:Federation:Providers:&lt;name&gt;</c>).</summary>
public sealed class FederationProviderOptions
{
    /// <summary>The provider's issuer, exactly as its tokens' <c>iss</c>; discovery is at
    /// <c>{Authority}/.well-known/openid-configuration</c>. Required; https, or http on a loopback host (tests).</summary>
    public string Authority { get; set; } = string.Empty;

    /// <summary>Our client id at the provider; logout tokens must name it in <c>aud</c>. Required.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Our client secret at the provider. Required; never logged. Never accepted as a signing key: tokens
    /// signed with it (HS256) are refused.</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>The name on the "Sign in with …" button. Default: the provider's configuration name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Scopes asked for at sign-in, space-separated. Default <c>openid profile</c>: the subject and a name to
    /// derive a username from; nothing more is needed.</summary>
    public string Scopes { get; set; } = "openid profile";

    /// <summary>What a back-channel logout from this provider does. Default <see cref="ProviderLogoutEffect.Sessions"/>.</summary>
    public ProviderLogoutEffect OnProviderLogout { get; set; } = ProviderLogoutEffect.Sessions;
}
