using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Sessions.Grains.Abstractions.Tokens;

/// <summary>
/// Reads and writes tokens: <c>sg?_</c> + base64url(version, key id, user id, credential id, verifier, MAC).
/// The selector (user id, credential id) routes to the grain; the 256-bit verifier is the secret; the
/// HMAC-SHA256 over the prefix and everything before it lets a front end reject malformed or forged tokens
/// before any grain call. Reading is strict (one exact length, one alphabet, canonical encoding), never throws
/// on input, and allocates nothing.
/// </summary>
public sealed class TokenCodec(GridKeyRing keys)
{
    /// <summary>The length of every token, in characters.</summary>
    public const int TokenLength = PrefixLength + EncodedLength;

    private const int PrefixLength = 4;
    private const int EncodedLength = 131;
    private const byte FormatVersion = 1;
    private const int BodyLength = 98;
    private const int MacOffset = 66;

    private static readonly SearchValues<char> Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>The ring of grid keys this codec signs and verifies with.</summary>
    public GridKeyRing Keys { get; } = keys;

    /// <summary>Reads a token of any kind, checking its shape and MAC.</summary>
    public bool TryRead(ReadOnlySpan<char> token, out TokenFields fields) => TryRead(token, TokenKind.None, out fields);

    /// <summary>Reads a token, checking its shape and MAC, and that it is of <paramref name="expected"/> kind
    /// (<see cref="TokenKind.None"/> accepts any kind).</summary>
    public bool TryRead(ReadOnlySpan<char> token, TokenKind expected, out TokenFields fields) =>
        TryDecode(token, expected, verifyMac: true, out fields);

    /// <summary>
    /// Reads a token's shape and checks that its key is still in the ring, but not its MAC. Only for a holder of the
    /// verifier digest (the user grain), whose digest comparison is stronger than the MAC and which is only reached
    /// through a front end that checked the MAC already: it saves one HMAC per request.
    /// </summary>
    public bool TryReadWithoutMac(ReadOnlySpan<char> token, out TokenFields fields) =>
        TryDecode(token, TokenKind.None, verifyMac: false, out fields);

    private bool TryDecode(ReadOnlySpan<char> token, TokenKind expected, bool verifyMac, out TokenFields fields)
    {
        fields = default;
        if (!TryGetKind(token, out var kind) || (expected != TokenKind.None && kind != expected))
        {
            return false;
        }

        var encoded = token[PrefixLength..];
        if (encoded.ContainsAnyExcept(Alphabet) || (Base64UrlValue(encoded[^1]) & 0b11) != 0)
        {
            return false;
        }

        Span<byte> body = stackalloc byte[BodyLength];
        var status = Base64Url.DecodeFromChars(encoded, body, out var consumed, out var written);
        if (status != OperationStatus.Done || consumed != EncodedLength || written != BodyLength || body[0] != FormatVersion)
        {
            return false;
        }

        if (verifyMac)
        {
            Span<byte> expectedMac = stackalloc byte[32];
            if (!ComputeMac(kind, body[1], body[..MacOffset], expectedMac)
                || !CryptographicOperations.FixedTimeEquals(expectedMac, body[MacOffset..]))
            {
                return false;
            }
        }
        else if (!Keys.Contains(body[1]))
        {
            return false;
        }

        fields.Kind = kind;
        fields.KeyId = body[1];
        fields.UserId = new Guid(body[2..18]);
        fields.CredentialId = new Guid(body[18..34]);
        body[34..MacOffset].CopyTo(fields.VerifierBuffer);
        return fields.UserId != Guid.Empty && fields.CredentialId != Guid.Empty;
    }

    /// <summary>Writes a token with the ring's active key.</summary>
    public string Write(TokenKind kind, Guid userId, Guid credentialId, ReadOnlySpan<byte> verifier) =>
        Write(kind, Keys.ActiveKeyId, userId, credentialId, verifier);

    /// <summary>Writes a token with a given key (a refresh retried inside its grace window re-issues with the key
    /// of the original rotation).</summary>
    public string Write(TokenKind kind, byte keyId, Guid userId, Guid credentialId, ReadOnlySpan<byte> verifier)
    {
        if (verifier.Length != TokenFields.VerifierLength)
        {
            throw new ArgumentException("A verifier is exactly 32 bytes.", nameof(verifier));
        }

        Span<byte> body = stackalloc byte[BodyLength];
        body[0] = FormatVersion;
        body[1] = keyId;
        userId.TryWriteBytes(body[2..18]);
        credentialId.TryWriteBytes(body[18..34]);
        verifier.CopyTo(body[34..MacOffset]);
        if (!ComputeMac(kind, keyId, body[..MacOffset], body[MacOffset..]))
        {
            throw new InvalidOperationException($"Grid key {keyId} is not in the key ring.");
        }

        Span<char> chars = stackalloc char[TokenLength];
        Prefix(kind).CopyTo(chars);
        Base64Url.EncodeToChars(body, chars[PrefixLength..]);
        CryptographicOperations.ZeroMemory(body);
        return new string(chars);
    }

    /// <summary>Whether text starts like one of our tokens (<c>sgb_</c>, <c>sga_</c>, <c>sgr_</c>, <c>sgk_</c>), whatever its length:
    /// enough to recognise a credential where none belongs (a URL, a log line).</summary>
    public static bool HasTokenPrefix(ReadOnlySpan<char> text) =>
        text.Length >= PrefixLength && text[0] == 's' && text[1] == 'g' && text[3] == '_' && text[2] is 'b' or 'a' or 'r' or 'k';

    /// <summary>Tells a token's kind from its prefix and length alone (no MAC check).</summary>
    public static bool TryGetKind(ReadOnlySpan<char> token, out TokenKind kind)
    {
        kind = TokenKind.None;
        if (token.Length != TokenLength || token[0] != 's' || token[1] != 'g' || token[3] != '_')
        {
            return false;
        }

        kind = token[2] switch
        {
            'b' => TokenKind.BrowserSession,
            'a' => TokenKind.AccessToken,
            'r' => TokenKind.RefreshToken,
            'k' => TokenKind.ApiToken,
            _ => TokenKind.None,
        };
        return kind != TokenKind.None;
    }

    private bool ComputeMac(TokenKind kind, byte keyId, ReadOnlySpan<byte> header, Span<byte> mac)
    {
        Span<byte> input = stackalloc byte[PrefixLength + MacOffset];
        for (var i = 0; i < PrefixLength; i++)
        {
            input[i] = (byte)Prefix(kind)[i];
        }

        header.CopyTo(input[PrefixLength..]);
        return Keys.TryComputeMac(keyId, input, mac);
    }

    private static ReadOnlySpan<char> Prefix(TokenKind kind) => kind switch
    {
        TokenKind.BrowserSession => "sgb_",
        TokenKind.AccessToken => "sga_",
        TokenKind.RefreshToken => "sgr_",
        TokenKind.ApiToken => "sgk_",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static int Base64UrlValue(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        _ => 63,
    };
}
