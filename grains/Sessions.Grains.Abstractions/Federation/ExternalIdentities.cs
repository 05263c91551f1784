using System.Security.Cryptography;
using System.Text;

namespace Sessions.Grains.Abstractions.Federation;

/// <summary>
/// The keys of <see cref="IExternalIdentityGrain"/> and <see cref="IProviderSessionGrain"/>: a SHA-256 of the parts,
/// so a key has a fixed length whatever an issuer, subject or sid holds (they are provider-chosen strings, up to
/// 255 characters and more), and carries no personal data into storage keys or logs.
/// </summary>
public static class ExternalIdentities
{
    /// <summary>The key of the grain that links <paramref name="identity"/> to a grid user.</summary>
    public static string GrainKey(ExternalIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Digest("identity", identity.Issuer, identity.Subject);
    }

    /// <summary>The key of the grain that records which users hold sessions from provider session <paramref name="sid"/>
    /// of <paramref name="issuer"/>.</summary>
    public static string ProviderSessionKey(string issuer, string sid) => Digest("provider-session", issuer, sid);

    private static string Digest(string purpose, string first, string second)
    {
        ArgumentException.ThrowIfNullOrEmpty(first);
        ArgumentException.ThrowIfNullOrEmpty(second);
        // Length-prefixed parts, so ("a|b", "c") and ("a", "b|c") never share a key.
        var text = $"{purpose}\n{first.Length}:{first}\n{second.Length}:{second}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
