using System.Security.Cryptography;
using Sessions.Grains.Abstractions.Tokens;

namespace Sessions.Tests.Tokens;

public sealed class TokenCodecTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly GridKeyRing Keys = Ring(1, (1, 0x11));
    private static readonly TokenCodec Codec = new(Keys);

    [Theory]
    [InlineData(TokenKind.BrowserSession, "sgb_")]
    [InlineData(TokenKind.AccessToken, "sga_")]
    [InlineData(TokenKind.RefreshToken, "sgr_")]
    [InlineData(TokenKind.ApiToken, "sgk_")]
    public void WrittenTokensReadBackWithEveryField(TokenKind kind, string prefix)
    {
        var (userId, credentialId, verifier) = (Guid.NewGuid(), Guid.NewGuid(), RandomNumberGenerator.GetBytes(32));

        var token = Codec.Write(kind, userId, credentialId, verifier);

        Assert.StartsWith(prefix, token);
        Assert.Equal(TokenCodec.TokenLength, token.Length);
        Assert.True(Codec.TryRead(token, out var fields));
        Assert.Equal((kind, (byte)1, userId, credentialId), (fields.Kind, fields.KeyId, fields.UserId, fields.CredentialId));
        Assert.Equal(verifier, fields.Verifier.ToArray());
    }

    [Fact]
    public void EveryTruncationIsRejected()
    {
        var token = NewToken();

        for (var length = 0; length < token.Length; length++)
        {
            Assert.False(Codec.TryRead(token.AsSpan(0, length), out _));
            Assert.False(Codec.TryRead(token.AsSpan(token.Length - length), out _));
        }
    }

    [Fact]
    public void EverySingleCharacterChangeIsRejected()
    {
        var token = NewToken();

        for (var position = 0; position < token.Length; position++)
        {
            foreach (var replacement in Alphabet)
            {
                if (replacement != token[position])
                {
                    var changed = string.Concat(token.AsSpan(0, position), [replacement], token.AsSpan(position + 1));
                    Assert.False(Codec.TryRead(changed, out _), $"accepted a change at {position}");
                }
            }
        }
    }

    [Fact]
    public void EveryBitFlipOfTheDecodedBodyIsRejected()
    {
        var token = NewToken();
        var body = Convert.FromBase64String(ToStandardBase64(token[4..]));

        for (var bit = 0; bit < body.Length * 8; bit++)
        {
            var flipped = (byte[])body.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Codec.TryRead(token[..4] + ToBase64Url(flipped), out _), $"accepted bit {bit} flipped");
        }
    }

    [Fact]
    public void ChangingTheKindPrefixIsRejected()
    {
        var token = Codec.Write(TokenKind.AccessToken, Guid.NewGuid(), Guid.NewGuid(), RandomNumberGenerator.GetBytes(32));

        foreach (var prefix in new[] { "sgb_", "sgr_", "sgk_", "sgx_", "SGA_" })
        {
            Assert.False(Codec.TryRead(prefix + token[4..], out _));
        }
    }

    [Fact]
    public void ReadingForOneKindRejectsTheOthers()
    {
        var access = Codec.Write(TokenKind.AccessToken, Guid.NewGuid(), Guid.NewGuid(), RandomNumberGenerator.GetBytes(32));

        Assert.False(Codec.TryRead(access, TokenKind.RefreshToken, out _));
        Assert.True(Codec.TryRead(access, TokenKind.AccessToken, out _));
    }

    [Fact]
    public void TokensFromAnotherGridKeyOrAnUnknownKeyIdAreRejected()
    {
        var otherGrid = new TokenCodec(Ring(1, (1, 0x22)));
        var futureKey = new TokenCodec(Ring(2, (1, 0x11), (2, 0x33)));

        Assert.False(Codec.TryRead(otherGrid.Write(TokenKind.ApiToken, Guid.NewGuid(), Guid.NewGuid(), new byte[32]), out _));
        Assert.False(Codec.TryRead(futureKey.Write(TokenKind.ApiToken, Guid.NewGuid(), Guid.NewGuid(), new byte[32]), out _));
    }

    [Fact]
    public void RotatingTheActiveKeyKeepsOlderTokensValidUntilTheOldKeyIsRemoved()
    {
        var old = Codec.Write(TokenKind.BrowserSession, Guid.NewGuid(), Guid.NewGuid(), RandomNumberGenerator.GetBytes(32));
        var rotated = new TokenCodec(Ring(2, (1, 0x11), (2, 0x33)));
        var retired = new TokenCodec(Ring(2, (2, 0x33)));

        var fresh = rotated.Write(TokenKind.BrowserSession, Guid.NewGuid(), Guid.NewGuid(), RandomNumberGenerator.GetBytes(32));

        Assert.True(rotated.TryRead(old, out var oldFields));
        Assert.Equal(1, oldFields.KeyId);
        Assert.True(rotated.TryRead(fresh, out var freshFields));
        Assert.Equal(2, freshFields.KeyId);
        Assert.False(retired.TryRead(old, out _));
        Assert.True(retired.TryRead(fresh, out _));
    }

    [Fact]
    public void ReadingWithoutTheMacStillRequiresTheShapeAndAKnownKey()
    {
        var token = NewToken();
        var wrongMac = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        var retiredKey = new TokenCodec(Ring(2, (2, 0x33))).Write(TokenKind.AccessToken, Guid.NewGuid(), Guid.NewGuid(), new byte[32]);

        Assert.True(Codec.TryReadWithoutMac(wrongMac, out var fields));
        Assert.False(Codec.TryRead(wrongMac, out _));
        Assert.NotEqual(Guid.Empty, fields.CredentialId);
        Assert.False(Codec.TryReadWithoutMac(retiredKey, out _));
        Assert.False(Codec.TryReadWithoutMac(token.AsSpan(0, token.Length - 1), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("sgb_")]
    [InlineData("Bearer sgb_")]
    [InlineData("sgb_\0")]
    public void GarbageIsRejected(string input)
    {
        Assert.False(Codec.TryRead(input, out _));
    }

    [Fact]
    public void OverlongNonAsciiWhitespacePaddingAndCaseFlippedTokensAreRejected()
    {
        var token = NewToken();
        var flippedCase = new string(token.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)).ToArray());
        var inputs = new[]
        {
            token + "A",
            token + "=",
            token + new string('A', 65_536),
            " " + token[1..],
            token[..^1] + " ",
            token[..^1] + "\n",
            token[..^1] + "\u00e9",
            token[..^1] + "\uff21",
            token[..^1] + "=",
            token[..^1] + "+",
            token[..^1] + "/",
            token[..^1] + "%",
            token.Replace('_', '/'),
            flippedCase,
            "sgb_" + token[4..].ToUpperInvariant(),
        };

        Assert.All(inputs, input => Assert.False(Codec.TryRead(input, out _)));
    }

    [Fact]
    public void NonCanonicalEncodingOfTheSameBytesIsRejected()
    {
        var token = NewToken();
        var last = Alphabet.IndexOf(token[^1]);

        for (var low = 1; low < 4; low++)
        {
            var sameBytes = token[..^1] + Alphabet[last | low];
            Assert.False(Codec.TryRead(sameBytes, out _));
        }
    }

    [Fact]
    public void RandomBytesNeverParse()
    {
        var random = new Random(12345);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            var text = "sg" + "bark"[i % 4] + "_" + new string(bytes.Select(b => (char)b).ToArray());
            Assert.False(Codec.TryRead(text, out _));
        }
    }

    [Fact]
    public void KeyRingRefusesShortSecretsAndUnknownActiveIds()
    {
        Assert.Throws<ArgumentException>(() => new GridKeyRing(1, [new((byte)1, new byte[31])]));
        Assert.Throws<ArgumentException>(() => new GridKeyRing(2, [new((byte)1, new byte[32])]));
        Assert.Throws<ArgumentException>(() => new GridKeyRing(0, [new((byte)0, new byte[32])]));
    }

    [Fact]
    public void ConfiguredKeysAreCheckedWithoutEchoingSecrets()
    {
        var shortKey = Convert.ToBase64String(new byte[16]);
        var options = new GridKeyOptions { Keys = { ["1"] = shortKey } };

        Assert.False(options.TryCreateRing(out _, out var error));
        Assert.DoesNotContain(shortKey, error);
        Assert.False(new GridKeyOptions().TryCreateRing(out _, out var missing));
        Assert.Contains("Sessions__GridKeys__Keys__1", missing);
        Assert.False(new GridKeyOptions { Keys = { ["0"] = Convert.ToBase64String(new byte[32]) } }.TryCreateRing(out _, out _));
        Assert.False(new GridKeyOptions { Keys = { ["1"] = "not base64!" } }.TryCreateRing(out _, out _));
        Assert.True(new GridKeyOptions { Keys = { ["7"] = Convert.ToBase64String(new byte[32]) } }.TryCreateRing(out var ring, out _));
        Assert.Equal(7, ring.ActiveKeyId);
    }

    private static string NewToken() =>
        Codec.Write(TokenKind.BrowserSession, Guid.NewGuid(), Guid.NewGuid(), RandomNumberGenerator.GetBytes(32));

    private static GridKeyRing Ring(byte active, params (byte Id, byte Fill)[] keys) =>
        new(active, keys.Select(k => new KeyValuePair<byte, byte[]>(k.Id, Enumerable.Repeat(k.Fill, 32).ToArray())));

    private static string ToStandardBase64(string base64Url)
    {
        var standard = base64Url.Replace('-', '+').Replace('_', '/');
        return standard.PadRight(standard.Length + (4 - standard.Length % 4) % 4, '=');
    }

    private static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
