using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Sessions.Web.Federation.Keys;

/// <summary>One configured OpenID Connect provider: its settings and its metadata and keys, fetched through one
/// <see cref="ConfigurationManager{T}"/> for the whole process.</summary>
public sealed class FederationProvider
{
    internal FederationProvider(string name, FederationProviderOptions options, IssuerKeys<OpenIdConnectConfiguration> keys)
    {
        Name = name;
        Options = options;
        Keys = keys;
    }

    /// <summary>The configuration name (<c>Sessions:Federation:Providers:&lt;name&gt;</c>), the URL path segment.</summary>
    public string Name { get; }

    /// <summary>The provider's settings.</summary>
    public FederationProviderOptions Options { get; }

    /// <summary>The issuer its tokens carry (the configured <see cref="FederationProviderOptions.Authority"/>).</summary>
    public string Issuer => Options.Authority;

    /// <summary>Where its discovery document is.</summary>
    public string MetadataAddress => Keys.Manager.MetadataAddress;

    /// <summary>The provider's metadata and keys, for the OpenID Connect handler
    /// (<c>OpenIdConnectOptions.ConfigurationManager</c>), so sign-in and the validators here share one cache. Its
    /// fetches already keep the https rule; the discovery document's <c>issuer</c> must equal the authority.</summary>
    public ConfigurationManager<OpenIdConnectConfiguration> ConfigurationManager => Keys.Manager;

    /// <summary>The display name, or the configuration name when none is set.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Options.DisplayName) ? Name : Options.DisplayName;

    internal IssuerKeys<OpenIdConnectConfiguration> Keys { get; }

    /// <summary>The discovery address of an authority: <c>{Authority}/.well-known/openid-configuration</c> (OpenID
    /// Connect Discovery 1.0 §4).</summary>
    internal static string DiscoveryAddress(string authority) => authority.TrimEnd('/') + "/.well-known/openid-configuration";

    /// <summary>Refuses a discovery document that names another issuer or a key set that may not be fetched
    /// (OpenID Connect Discovery 1.0 §4.3: the issuer MUST be identical to the one the document was fetched for).</summary>
    internal static void Check(OpenIdConnectConfiguration configuration, string authority)
    {
        if (!string.Equals(configuration.Issuer, authority, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The discovery document names another issuer than the configured authority.");
        }

        if (!LoopbackAddresses.IsFetchable(configuration.JwksUri, out _))
        {
            throw new InvalidOperationException("The discovery document's jwks_uri is neither https nor http on a loopback host.");
        }
    }
}
