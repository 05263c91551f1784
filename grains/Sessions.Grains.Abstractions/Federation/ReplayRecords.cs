using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Sessions.Grains.Abstractions.Federation;

/// <summary>
/// How token ids are spread over <see cref="IReplayRecordGrain"/> activations: by issuer, then by
/// <see cref="BucketCount"/> buckets of the id's digest. One grain per issuer would serialise every token of a busy
/// issuer through one activation and rewrite one ever larger row per token; buckets keep each row small (at most
/// <see cref="MaxEntriesPerBucket"/> entries) and spread the writes, while ids of one issuer still never meet another
/// issuer's (jti uniqueness is per issuer, RFC 7519 §4.1.7). The caps are docs/invariants.md, invariant 8.
/// </summary>
public static class ReplayRecords
{
    /// <summary>Buckets per issuer. A storage contract: changing it moves ids to other buckets.</summary>
    public const int BucketCount = 64;

    /// <summary>Live ids one bucket holds at most (so one issuer's record holds at most 131,072 live ids).</summary>
    public const int MaxEntriesPerBucket = 2048;

    /// <summary>The longest token id accepted.</summary>
    public const int MaxJtiLength = 256;

    /// <summary>The longest an id may be kept.</summary>
    public static readonly TimeSpan MaxRetention = TimeSpan.FromDays(7);

    /// <summary>The key of the grain that records <paramref name="jti"/> for <paramref name="issuer"/>.</summary>
    public static string GrainKey(string issuer, string jti)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        var issuerDigest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issuer)), 0, 16);
        return $"{issuerDigest}.{BucketOf(jti):x2}";
    }

    /// <summary>The stored form of <paramref name="jti"/>: the first 128 bits of its SHA-256, base64url.</summary>
    public static string Digest(string jti) => Base64Url.EncodeToString(Hash(jti).AsSpan(0, 16));

    /// <summary>The bucket <paramref name="jti"/> belongs to.</summary>
    public static int BucketOf(string jti) => Hash(jti)[0] % BucketCount;

    private static byte[] Hash(string jti)
    {
        ArgumentException.ThrowIfNullOrEmpty(jti);
        return SHA256.HashData(Encoding.UTF8.GetBytes(jti));
    }
}
