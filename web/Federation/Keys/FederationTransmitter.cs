using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace Sessions.Web.Federation.Keys;

/// <summary>One configured Shared Signals transmitter: its settings and its key set, fetched through one
/// <see cref="ConfigurationManager{T}"/> of the bare JWKS.</summary>
public sealed class FederationTransmitter
{
    internal FederationTransmitter(string name, FederationTransmitterOptions options, IssuerKeys<JsonWebKeySet> keys)
    {
        Name = name;
        Options = options;
        Keys = keys;
    }

    /// <summary>The configuration name (<c>Sessions:Federation:Transmitters:&lt;name&gt;</c>).</summary>
    public string Name { get; }

    /// <summary>The transmitter's settings.</summary>
    public FederationTransmitterOptions Options { get; }

    /// <summary>The issuer its tokens carry.</summary>
    public string Issuer => Options.Issuer;

    /// <summary>The transmitter's key set, cached and refreshed by the library.</summary>
    public ConfigurationManager<JsonWebKeySet> ConfigurationManager => Keys.Manager;

    internal IssuerKeys<JsonWebKeySet> Keys { get; }
}
