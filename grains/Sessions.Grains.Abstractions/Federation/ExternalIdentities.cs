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
    /// <summary>The longest issuer, subject or provider session id (<c>sid</c>) a grain accepts. OpenID Connect Core 1.0
    /// §2 bounds <c>sub</c> to 255 ASCII characters and leaves the others open; a generous cap still keeps one user's
    /// state bounded (docs/invariants.md, invariant 8).</summary>
    public const int MaxPartLength = 1024;

    /// <summary>The longest configured provider name a grain accepts.</summary>
    public const int MaxProviderNameLength = 64;

    /// <summary>How many grid users one provider session may be recorded for at once (in practice one: a provider
    /// session is one person's). A full record refuses the next sign-in rather than forget a user a logout must reach.</summary>
    public const int MaxUsersPerProviderSession = 16;

    /// <summary>Whether a provider session id (<c>sid</c>) is within bounds: absent, or 1 to <see cref="MaxPartLength"/>
    /// characters.</summary>
    public static bool IsAcceptableSessionId(string? sid) => sid is null || sid.Length is > 0 and <= MaxPartLength;

    /// <summary>Whether <paramref name="identity"/> and <paramref name="providerName"/> are within bounds: every part
    /// present and at most <see cref="MaxPartLength"/> (the name <see cref="MaxProviderNameLength"/>) characters.</summary>
    public static bool IsAcceptable(ExternalIdentity? identity, string? providerName) =>
        identity is { Issuer.Length: > 0 and <= MaxPartLength, Subject.Length: > 0 and <= MaxPartLength }
        && providerName is { Length: > 0 and <= MaxProviderNameLength };

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
