using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Sessions.Grains.Hosting;

namespace Sessions.Web.Federation.Keys;

/// <summary>
/// Every configured provider and transmitter, by name and by issuer, each with its own metadata and key cache (one
/// per process: a singleton). Built from validated <see cref="FederationOptions"/>; nothing is fetched until a token
/// or a sign-in needs it.
/// </summary>
public sealed class FederationIssuers : IDisposable
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, FederationProvider> _providersByIssuer;
    private readonly Dictionary<string, FederationTransmitter> _transmittersByIssuer;

    /// <summary>Creates the registry.</summary>
    public FederationIssuers(IOptions<FederationOptions> options, [FromKeyedServices(SessionGrid.ClockKey)] TimeProvider time, ILogger<FederationIssuers> logger)
    {
        var settings = options.Value;
        _http = CreateHttpClient(settings.FetchTimeout);
        var documents = new FetchPolicyDocumentRetriever(_http);
        Providers = settings.Providers.ToDictionary(
            p => p.Key, p => CreateProvider(p.Key, p.Value, documents, settings, time, logger), StringComparer.Ordinal);
        Transmitters = settings.Transmitters.ToDictionary(
            t => t.Key, t => CreateTransmitter(t.Key, t.Value, documents, settings, time, logger), StringComparer.Ordinal);
        _providersByIssuer = Providers.Values.ToDictionary(p => p.Issuer, StringComparer.Ordinal);
        _transmittersByIssuer = Transmitters.Values.ToDictionary(t => t.Issuer, StringComparer.Ordinal);
    }

    /// <summary>The providers by configuration name.</summary>
    public IReadOnlyDictionary<string, FederationProvider> Providers { get; }

    /// <summary>The transmitters by configuration name.</summary>
    public IReadOnlyDictionary<string, FederationTransmitter> Transmitters { get; }

    /// <summary>The provider whose issuer is exactly <paramref name="issuer"/>.</summary>
    public bool TryGetProviderByIssuer(string? issuer, [NotNullWhen(true)] out FederationProvider? provider)
    {
        provider = null;
        return issuer is not null && _providersByIssuer.TryGetValue(issuer, out provider);
    }

    /// <summary>The transmitter whose issuer is exactly <paramref name="issuer"/>.</summary>
    public bool TryGetTransmitterByIssuer(string? issuer, [NotNullWhen(true)] out FederationTransmitter? transmitter)
    {
        transmitter = null;
        return issuer is not null && _transmittersByIssuer.TryGetValue(issuer, out transmitter);
    }

    /// <summary>Releases the HTTP client the caches fetch with.</summary>
    public void Dispose() => _http.Dispose();

    private static FederationProvider CreateProvider(
        string name, FederationProviderOptions provider, IDocumentRetriever documents, FederationOptions settings, TimeProvider time, ILogger logger) =>
        new(name, provider, new IssuerKeys<OpenIdConnectConfiguration>(
            $"provider {name}",
            FederationProvider.DiscoveryAddress(provider.Authority),
            new OpenIdConnectConfigurationRetriever(),
            configuration => FederationProvider.Check(configuration, provider.Authority),
            configuration => configuration.SigningKeys,
            documents,
            settings,
            time,
            logger));

    private static FederationTransmitter CreateTransmitter(
        string name, FederationTransmitterOptions transmitter, IDocumentRetriever documents, FederationOptions settings, TimeProvider time, ILogger logger) =>
        new(name, transmitter, new IssuerKeys<JsonWebKeySet>(
            $"transmitter {name}",
            transmitter.JwksUri,
            new JsonWebKeySetRetriever(),
            _ => { },
            keySet => keySet.GetSigningKeys(),
            documents,
            settings,
            time,
            logger));

    // One client for every issuer: no redirects (a metadata or key address that redirects is a misconfiguration, and
    // following it could leave https), bounded time and size, connections renewed so DNS changes are seen.
    private static HttpClient CreateHttpClient(TimeSpan timeout) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = timeout,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            Timeout = timeout,
            MaxResponseContentBufferSize = 512 * 1024,
        };
}
