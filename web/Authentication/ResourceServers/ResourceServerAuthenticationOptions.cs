using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;

namespace Sessions.Web.Authentication.ResourceServers;

/// <summary>
/// Resource servers allowed to introspect tokens (configuration section <c>Sessions:ResourceServers</c>):
/// <c>Sessions__ResourceServers__Clients__orders-api=&lt;secret&gt;</c>. They authenticate with HTTP Basic
/// (RFC 6749 §2.3.1). Default: none, so introspection is closed until configured. Validated at start: an empty
/// secret stops the process with the client's name, rather than leaving the client silently unable to sign in.
/// </summary>
public sealed class ResourceServerAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sessions:ResourceServers";

    private FrozenDictionary<string, byte[]>? _digests;

    /// <summary>Client secrets by client id. Use long random secrets (e.g. <c>openssl rand -base64 32</c>). Default none.</summary>
    public Dictionary<string, string> Clients { get; set; } = [];

    /// <summary>The secrets as SHA-256 digests by client id, computed once per options instance: options are rebuilt,
    /// not changed, when configuration reloads. Digests have one length, so comparing them in constant time leaks
    /// nothing about a secret's length (docs/threat-model.md, H4).</summary>
    internal FrozenDictionary<string, byte[]> Digests => _digests ??= Clients.ToFrozenDictionary(
        client => client.Key, client => SHA256.HashData(Encoding.UTF8.GetBytes(client.Value)), StringComparer.Ordinal);
}
