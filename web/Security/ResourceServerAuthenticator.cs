using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Sessions.Web.Security;

/// <summary>
/// Checks HTTP Basic client credentials of resource servers. Secrets are compared as SHA-256 digests in constant
/// time, and an unknown client id costs the same comparison as a wrong secret.
/// </summary>
public sealed class ResourceServerAuthenticator
{
    private static readonly byte[] Nobody = SHA256.HashData(RandomNumberGenerator.GetBytes(32));

    private readonly Dictionary<string, byte[]> _clients;

    public ResourceServerAuthenticator(IOptions<ResourceServerOptions> options) =>
        _clients = options.Value.Clients
            .Where(c => !string.IsNullOrEmpty(c.Value))
            .ToDictionary(c => c.Key, c => SHA256.HashData(Encoding.UTF8.GetBytes(c.Value)), StringComparer.Ordinal);

    /// <summary>Whether the request carries no Authorization header at all.</summary>
    public static bool IsAnonymous(HttpRequest request) => request.Headers.Authorization.Count == 0;

    /// <summary>Whether the request carries valid client credentials of a configured resource server.</summary>
    public bool IsAuthenticated(HttpRequest request)
    {
        if (!AuthorizationHeader.TryRead(request, out var scheme, out var encoded)
            || !string.Equals(scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || !AuthorizationHeader.TryDecodeBasic(encoded, out var user, out var password)
            || user.Length == 0)
        {
            return false;
        }

        // RFC 6749 §2.3.1: id and secret are form-url-encoded before being joined.
        var clientId = Uri.UnescapeDataString(user.Replace('+', ' '));
        var secret = Uri.UnescapeDataString(password.Replace('+', ' '));
        var known = _clients.TryGetValue(clientId, out var expected);
        var matches = CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), expected ?? Nobody);
        return known && matches;
    }
}
