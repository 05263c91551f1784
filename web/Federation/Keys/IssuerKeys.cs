using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace Sessions.Web.Federation.Keys;

/// <summary>
/// The signing keys of one issuer (a provider or a transmitter), read through the library's
/// <see cref="ConfigurationManager{T}"/> (cached, refreshed in the background every
/// <see cref="FederationOptions.MetadataRefreshInterval"/>) with one addition: <see cref="RefetchAsync"/>, an awaited
/// fetch for a token naming a key we do not hold. The library's <c>RequestRefresh</c> only starts a background fetch
/// (IdentityModel 8 without the blocking switch), so a retry right after it would see the old keys again; this fetch
/// is awaited, shared by concurrent callers, and allowed once per <see cref="FederationOptions.KeyRefetchInterval"/>,
/// so random key ids cost at most one fetch per interval. Only asymmetric keys are ever handed out.
/// </summary>
internal sealed class IssuerKeys<T> : ISigningKeySource
    where T : class
{
    private readonly LatestConfigurationRetriever<T> _retriever;
    private readonly IDocumentRetriever _documents;
    private readonly Func<T, IEnumerable<SecurityKey>> _keysOf;
    private readonly TimeSpan _refetchInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _label;
    private readonly Lock _gate = new();
    private DateTimeOffset? _lastRefetch;
    private DateTimeOffset? _lastFailure;
    private Task<IReadOnlyList<SecurityKey>?>? _refetch;

    public IssuerKeys(
        string label,
        string address,
        IConfigurationRetriever<T> retriever,
        Action<T> check,
        Func<T, IEnumerable<SecurityKey>> keysOf,
        IDocumentRetriever documents,
        FederationOptions options,
        TimeProvider time,
        ILogger logger)
    {
        _label = label;
        _retriever = new LatestConfigurationRetriever<T>(retriever, check);
        _documents = documents;
        _keysOf = keysOf;
        _refetchInterval = options.KeyRefetchInterval;
        _time = time;
        _logger = logger;
        Manager = new ConfigurationManager<T>(address, _retriever, documents)
        {
            AutomaticRefreshInterval = options.MetadataRefreshInterval,
            RefreshInterval = options.KeyRefetchInterval,
        };
    }

    /// <summary>The library's manager for this issuer, to share with anything else reading its metadata (the OpenID
    /// Connect handler's <c>ConfigurationManager</c>), so the issuer is fetched once for all of them.</summary>
    public ConfigurationManager<T> Manager { get; }

    /// <summary>The keys as last fetched, fetching them first if nothing was fetched yet. Null when none could be
    /// fetched: the caller fails closed. After a failed first fetch, the next attempt waits one re-fetch interval.</summary>
    public async Task<IReadOnlyList<SecurityKey>?> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_retriever.Latest is null && _lastFailure is { } failed && _time.GetUtcNow() - failed < _refetchInterval)
        {
            return null;
        }

        try
        {
            // Cheap while cached; starts the library's background refresh when one is due.
            await Manager.GetConfigurationAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _lastFailure = _time.GetUtcNow();
            FederationLog.KeysUnavailable(_logger, _label, exception.GetType().Name);
        }

        return _retriever.Latest is { } latest ? AsymmetricKeysOf(latest) : null;
    }

    /// <summary>
    /// Fetches the keys again now, unless that was done less than one re-fetch interval ago, in which case it returns
    /// null at once (or joins the fetch still running). Null also when the fetch failed: the caller keeps refusing.
    /// </summary>
    public async Task<IReadOnlyList<SecurityKey>?> RefetchAsync(CancellationToken cancellationToken)
    {
        Task<IReadOnlyList<SecurityKey>?> refetch;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_refetch is { IsCompleted: false } running)
            {
                refetch = running;
            }
            else if (_lastRefetch is null || now - _lastRefetch.Value >= _refetchInterval)
            {
                _lastRefetch = now;
                refetch = _refetch = FetchAsync();
            }
            else
            {
                FederationLog.RefetchDeferred(_logger, _label);
                return null;
            }
        }

        return await refetch.WaitAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<SecurityKey>?> FetchAsync()
    {
        try
        {
            FederationLog.Refetching(_logger, _label);
            var configuration = await _retriever.GetConfigurationAsync(Manager.MetadataAddress, _documents, CancellationToken.None);
            return AsymmetricKeysOf(configuration);
        }
        catch (Exception exception)
        {
            FederationLog.KeysUnavailable(_logger, _label, exception.GetType().Name);
            return null;
        }
    }

    // A key set may list symmetric keys; none of them ever verifies a token here (never HS*, docs/threat-model.md, B21).
    private SecurityKey[] AsymmetricKeysOf(T configuration) =>
        _keysOf(configuration).Where(key => key is AsymmetricSecurityKey or JsonWebKey { Kty: "RSA" or "EC" }).ToArray();
}
