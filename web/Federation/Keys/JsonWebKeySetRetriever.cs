using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace Sessions.Web.Federation.Keys;

/// <summary>Reads a bare JWKS (RFC 7517 §5), for a transmitter that publishes keys without OpenID discovery: the
/// library retrieves OpenID and WS-Federation metadata but has no retriever for a key set alone.</summary>
internal sealed class JsonWebKeySetRetriever : IConfigurationRetriever<JsonWebKeySet>
{
    public async Task<JsonWebKeySet> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel) =>
        new(await retriever.GetDocumentAsync(address, cancel));
}
