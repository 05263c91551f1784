using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Sessions.Grains.Abstractions.Tokens;

/// <summary>
/// The decoded parts of a token: the selector (user and credential), the secret verifier, and the key that
/// authenticated it. Produced only by <see cref="TokenCodec"/>; a value of this type has passed every check the
/// codec makes.
/// </summary>
public struct TokenFields
{
    /// <summary>The length of a verifier in bytes (256 bits).</summary>
    public const int VerifierLength = 32;

    private Secret256 _verifier;

    /// <summary>What the token is for.</summary>
    public TokenKind Kind { readonly get; internal set; }

    /// <summary>The id of the grid key whose MAC the token carries.</summary>
    public byte KeyId { readonly get; internal set; }

    /// <summary>The user the token belongs to (the user grain's key).</summary>
    public Guid UserId { readonly get; internal set; }

    /// <summary>The session or API token the token belongs to.</summary>
    public Guid CredentialId { readonly get; internal set; }

    /// <summary>The 256-bit random secret; the grain stores only its SHA-256 digest.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> Verifier => _verifier;

    [UnscopedRef]
    internal Span<byte> VerifierBuffer => _verifier;

    [InlineArray(VerifierLength)]
    private struct Secret256
    {
        private byte _element0;
    }
}
