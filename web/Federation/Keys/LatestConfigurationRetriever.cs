using Microsoft.IdentityModel.Protocols;

namespace Sessions.Web.Federation.Keys;

/// <summary>
/// Wraps the retriever a <see cref="ConfigurationManager{T}"/> uses, checks every document it fetches
/// (<paramref name="check"/> throws to refuse one) and remembers the newest one accepted. Both the manager's own
/// refreshes and <see cref="IssuerKeys{T}"/>' awaited re-fetches pass through here, so <see cref="Latest"/> is the
/// freshest view of the issuer whoever fetched it.
/// </summary>
internal sealed class LatestConfigurationRetriever<T>(IConfigurationRetriever<T> inner, Action<T> check) : IConfigurationRetriever<T>
    where T : class
{
    private volatile T? _latest;

    /// <summary>The newest accepted document, or null before the first.</summary>
    public T? Latest => _latest;

    public async Task<T> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var configuration = await inner.GetConfigurationAsync(address, retriever, cancel);
        check(configuration);
        _latest = configuration;
        return configuration;
    }
}
