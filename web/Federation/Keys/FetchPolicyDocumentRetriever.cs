using Microsoft.IdentityModel.Protocols;

namespace Sessions.Web.Federation.Keys;

/// <summary>
/// Fetches provider metadata and key sets, every address checked first: https, or http on a loopback host only
/// (<see cref="LoopbackAddresses"/>). The library's own https check is one switch per retriever; this one judges each
/// address, so a loopback provider's discovery document cannot send us to a plain-http key set elsewhere.
/// </summary>
internal sealed class FetchPolicyDocumentRetriever(HttpClient http) : IDocumentRetriever
{
    // The address is checked here, so the library's switch stays off.
    private readonly HttpDocumentRetriever _inner = new(http) { RequireHttps = false, SendAdditionalHeaderData = false };

    public Task<string> GetDocumentAsync(string address, CancellationToken cancel) =>
        LoopbackAddresses.IsFetchable(address, out _)
            ? _inner.GetDocumentAsync(address, cancel)
            : throw new InvalidOperationException("The address is neither https nor http on a loopback host; it is not fetched.");
}
