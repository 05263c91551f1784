using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Sessions.Grains.Abstractions.Tokens;

namespace Sessions.Web.Federation.SignIn;

/// <summary>
/// Protects what the OpenID Connect handler sends on a round trip through the provider (the <c>state</c>, holding
/// the return URL, the correlation id and the PKCE verifier, and the nonce cookie's name) with keys derived from the
/// grid keys, so any front end behind a load balancer can finish a sign-in another one started, and a restart breaks
/// none in flight (docs/threat-model.md, B37). ASP.NET's default key ring is per machine unless shared storage is set
/// up; the grid keys are already shared by every front end.
/// </summary>
/// <remarks>
/// A payload is <c>version (1) | key id (1) | nonce (12) | AES-256-GCM ciphertext | tag (16)</c>; the version and key id
/// are authenticated as associated data. The key for a purpose chain is HKDF-Expand(SHA-256) of a pseudo-random key,
/// itself the grid key's MAC (HMAC-SHA256) of a fixed label: a label no token's MAC input can equal (token MAC inputs
/// are 70 bytes starting with <c>sg</c>), so this key never equals a token MAC. A grid key removed from the ring makes
/// everything it protected unreadable, as it does for tokens.
/// </remarks>
internal sealed class GridKeyDataProtector : IDataProtector
{
    private const byte Version = 1;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int HeaderLength = 2 + NonceLength;
    private static readonly byte[] Label = Encoding.ASCII.GetBytes("session-grid/federation-data-protection/v1");

    private readonly GridKeyRing _ring;
    private readonly string[] _purposes;
    private readonly byte[]?[] _keys = new byte[]?[256];

    public GridKeyDataProtector(GridKeyRing ring, string[] purposes)
    {
        _ring = ring;
        _purposes = purposes;
    }

    public IDataProtector CreateProtector(string purpose) => new GridKeyDataProtector(_ring, [.. _purposes, purpose]);

    public byte[] Protect(byte[] plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var keyId = _ring.ActiveKeyId;
        var output = new byte[HeaderLength + plaintext.Length + TagLength];
        output[0] = Version;
        output[1] = keyId;
        RandomNumberGenerator.Fill(output.AsSpan(2, NonceLength));
        using var aes = new AesGcm(KeyFor(keyId)!, TagLength);
        aes.Encrypt(
            output.AsSpan(2, NonceLength), plaintext, output.AsSpan(HeaderLength, plaintext.Length), output.AsSpan(HeaderLength + plaintext.Length), output.AsSpan(0, 2));
        return output;
    }

    public byte[] Unprotect(byte[] protectedData)
    {
        ArgumentNullException.ThrowIfNull(protectedData);
        if (protectedData.Length < HeaderLength + TagLength || protectedData[0] != Version || KeyFor(protectedData[1]) is not { } key)
        {
            throw new CryptographicException("The protected data is not from this grid.");
        }

        var length = protectedData.Length - HeaderLength - TagLength;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagLength);
        aes.Decrypt(
            protectedData.AsSpan(2, NonceLength), protectedData.AsSpan(HeaderLength, length), protectedData.AsSpan(HeaderLength + length), plaintext, protectedData.AsSpan(0, 2));
        return plaintext;
    }

    private byte[]? KeyFor(byte keyId)
    {
        if (_keys[keyId] is { } cached)
        {
            return cached;
        }

        Span<byte> pseudoRandomKey = stackalloc byte[32];
        if (!_ring.TryComputeMac(keyId, Label, pseudoRandomKey))
        {
            return null;
        }

        var key = HKDF.Expand(HashAlgorithmName.SHA256, pseudoRandomKey.ToArray(), 32, PurposeInfo());
        CryptographicOperations.ZeroMemory(pseudoRandomKey);
        return _keys[keyId] = key;
    }

    // Length-prefixed purposes, so ("a", "bc") and ("ab", "c") never share a key.
    private byte[] PurposeInfo()
    {
        var info = new List<byte>();
        Span<byte> length = stackalloc byte[4];
        foreach (var purpose in _purposes)
        {
            var bytes = Encoding.UTF8.GetBytes(purpose);
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            info.AddRange(length);
            info.AddRange(bytes);
        }

        return [.. info];
    }
}
