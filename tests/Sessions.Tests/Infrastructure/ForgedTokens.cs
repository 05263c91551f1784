using System.Security.Cryptography;
using Sessions.Grains.Abstractions.Tokens;

namespace Sessions.Tests.Infrastructure;

/// <summary>
/// Tokens nobody issued. <see cref="WithGridKey"/> signs with the test grids' own key: well-formed, MAC-valid, for a
/// real user if you like, but with a random verifier (docs/threat-model.md, B6/B7: what an attacker who stole the grid key but no
/// database could make). <see cref="FromAnotherGrid"/> signs with another key (B8: another environment's token).
/// </summary>
public static class ForgedTokens
{
    private static readonly TokenCodec GridCodec = new(TestSettings.GridKeyRing);
    private static readonly TokenCodec OtherGridCodec = new(new GridKeyRing(1, [new(1, RandomNumberGenerator.GetBytes(32))]));

    public static string WithGridKey(TokenKind kind, string? userId = null, string? credentialId = null) => Forge(GridCodec, kind, userId, credentialId);

    public static string FromAnotherGrid(TokenKind kind, string? userId = null, string? credentialId = null) => Forge(OtherGridCodec, kind, userId, credentialId);

    private static string Forge(TokenCodec codec, TokenKind kind, string? userId, string? credentialId) => codec.Write(
        kind,
        userId is null ? Guid.NewGuid() : Guid.ParseExact(userId, "N"),
        credentialId is null ? Guid.NewGuid() : Guid.ParseExact(credentialId, "N"),
        RandomNumberGenerator.GetBytes(TokenFields.VerifierLength));
}
