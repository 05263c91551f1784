using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Sessions.Grains.Abstractions.Tokens;

/// <summary>
/// The grid keys: secrets shared by every silo and front end, each with a one-byte id carried in the tokens it
/// authenticated. New tokens use <see cref="ActiveKeyId"/>; any key still in the ring verifies, so a key rotates
/// by adding the new one, making it active, and removing the old one once its tokens have expired.
/// </summary>
public sealed class GridKeyRing
{
    /// <summary>The smallest accepted secret: 256 bits.</summary>
    public const int MinimumSecretLength = 32;

    private static readonly byte[] MacLabel = Encoding.ASCII.GetBytes("session-grid/token-mac/v1");
    private static readonly byte[] SuccessorLabel = Encoding.ASCII.GetBytes("session-grid/refresh-successor/v1");

    private readonly GridKey?[] _keys = new GridKey?[256];

    /// <summary>Creates a ring from raw secrets keyed by id (1–255).</summary>
    /// <exception cref="ArgumentException">No keys, a zero id, a short secret, or an active id not in the ring.</exception>
    public GridKeyRing(byte activeKeyId, IEnumerable<KeyValuePair<byte, byte[]>> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        foreach (var (id, secret) in secrets)
        {
            if (id == 0)
            {
                throw new ArgumentException("Grid key id 0 is reserved; use 1 to 255.", nameof(secrets));
            }

            if (secret is null || secret.Length < MinimumSecretLength)
            {
                throw new ArgumentException(
                    $"Grid key {id} is shorter than {MinimumSecretLength} bytes; generate one with 'openssl rand -base64 32'.",
                    nameof(secrets));
            }

            _keys[id] = new GridKey(
                HKDF.Expand(HashAlgorithmName.SHA256, secret, 32, MacLabel),
                HKDF.Expand(HashAlgorithmName.SHA256, secret, 32, SuccessorLabel));
        }

        if (_keys[activeKeyId] is null)
        {
            throw new ArgumentException($"The active grid key id {activeKeyId} is not among the configured keys.", nameof(activeKeyId));
        }

        ActiveKeyId = activeKeyId;
    }

    /// <summary>The id of the key that authenticates newly issued tokens.</summary>
    public byte ActiveKeyId { get; }

    /// <summary>Computes the MAC of <paramref name="data"/> under key <paramref name="keyId"/>.</summary>
    /// <returns>False when the ring has no such key.</returns>
    public bool TryComputeMac(byte keyId, ReadOnlySpan<byte> data, Span<byte> mac)
    {
        if (!TryGet(keyId, out var key))
        {
            return false;
        }

        // One keyed HMAC context per thread and key, reused: the one-shot API sets up a new OpenSSL context per call,
        // which costs more than the MAC itself on the per-request path.
        var hmac = key.Hmac.Value!;
        hmac.AppendData(data);
        hmac.GetHashAndReset(mac);
        return true;
    }

    /// <summary>
    /// Derives the verifiers of the access and refresh token that succeed a refresh token. Deriving them (rather
    /// than drawing fresh randomness) lets a retry of the same refresh token inside the grace window receive the
    /// very same pair without the grain ever storing a raw secret.
    /// </summary>
    /// <returns>False when the ring has no such key.</returns>
    public bool TryDeriveSuccessor(
        byte keyId, Guid sessionId, ReadOnlySpan<byte> refreshVerifier, Span<byte> accessVerifier, Span<byte> nextRefreshVerifier)
    {
        if (!TryGet(keyId, out var key))
        {
            return false;
        }

        Span<byte> input = stackalloc byte[1 + 16 + TokenFields.VerifierLength];
        sessionId.TryWriteBytes(input[1..17]);
        refreshVerifier.CopyTo(input[17..]);

        input[0] = (byte)'a';
        HMACSHA256.HashData(key.DerivationKey, input, accessVerifier);
        input[0] = (byte)'r';
        HMACSHA256.HashData(key.DerivationKey, input, nextRefreshVerifier);
        CryptographicOperations.ZeroMemory(input);
        return true;
    }

    /// <summary>Whether a key with this id is in the ring.</summary>
    public bool Contains(byte keyId) => _keys[keyId] is not null;

    private bool TryGet(byte keyId, [NotNullWhen(true)] out GridKey? key)
    {
        key = _keys[keyId];
        return key is not null;
    }

    private sealed class GridKey(byte[] macKey, byte[] derivationKey)
    {
        public byte[] DerivationKey { get; } = derivationKey;

        /// <summary>This thread's HMAC context for the MAC key (a context is never shared between threads).</summary>
        public ThreadLocal<IncrementalHash> Hmac { get; } = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, macKey));
    }
}
