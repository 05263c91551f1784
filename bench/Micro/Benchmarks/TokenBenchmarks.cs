using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Bench.Micro.Benchmarks;

/// <summary>
/// Reading the credential, both sides of the grain call: the front end's <see cref="TokenCodec.TryRead(ReadOnlySpan{char}, out TokenFields)"/>
/// (shape + HMAC-SHA256), and what the user grain does with the same token — the read without MAC, the session
/// lookup and the SHA-256 verifier match. <c>CredentialIssuer.Matches</c> is internal to the grains, so
/// <see cref="VerifierMatch"/> repeats its .NET calls (a per-thread <see cref="IncrementalHash"/>, then
/// <see cref="CryptographicOperations.FixedTimeEquals"/>); the one-shot hash is measured beside it for comparison.
/// </summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    [ThreadStatic]
    private static IncrementalHash? _threadSha256;

    private readonly Dictionary<Guid, byte[]> _digests = [];
    private TokenCodec _codec = null!;
    private string _token = null!;
    private byte[] _verifier = null!;
    private byte[] _digest = null!;

    [GlobalSetup]
    public void Setup()
    {
        _codec = new TokenCodec(new GridKeyRing(1, [new(1, RandomNumberGenerator.GetBytes(32))]));
        _verifier = RandomNumberGenerator.GetBytes(TokenFields.VerifierLength);
        _digest = SHA256.HashData(_verifier);
        var sessionId = Guid.NewGuid();
        _token = _codec.Write(TokenKind.AccessToken, Guid.NewGuid(), sessionId, _verifier);

        // A user with a few sessions, as the grain holds them (keyed by credential id).
        for (var i = 0; i < 4; i++)
        {
            _digests[Guid.NewGuid()] = RandomNumberGenerator.GetBytes(32);
        }

        _digests[sessionId] = _digest;
    }

    /// <summary>Front end: shape, alphabet, base64url decode, HMAC-SHA256 and its constant-time comparison.</summary>
    [Benchmark]
    public bool CodecTryRead() => _codec.TryRead(_token, out _);

    /// <summary>Grain side: the same read without the MAC (the key id must still be in the ring).</summary>
    [Benchmark]
    public bool CodecTryReadWithoutMac() => _codec.TryReadWithoutMac(_token, out _);

    /// <summary>SHA-256 of the 32-byte verifier on a reused per-thread context, compared in constant time.</summary>
    [Benchmark]
    public bool VerifierMatch() => Matches(_verifier, _digest);

    /// <summary>For comparison: the one-shot <see cref="SHA256.HashData(ReadOnlySpan{byte})"/>.</summary>
    [Benchmark]
    public bool VerifierMatchOneShot() => CryptographicOperations.FixedTimeEquals(SHA256.HashData(_verifier), _digest);

    /// <summary>The grain's credential work in one: read without MAC, find the session, match the verifier.</summary>
    [Benchmark]
    public bool GrainSideCheck() =>
        _codec.TryReadWithoutMac(_token, out var fields)
        && _digests.TryGetValue(fields.CredentialId, out var digest)
        && Matches(fields.Verifier, digest);

    /// <summary>The ids the grain formats into every verdict (<see cref="GridIds.Format"/>, twice) and the verdict record.</summary>
    [Benchmark]
    public ValidationResult VerdictWithFormattedIds()
    {
        _codec.TryReadWithoutMac(_token, out var fields);
        return new ValidationResult(ValidationOutcome.Valid, GridIds.Format(fields.UserId), "micro-user",
            GridIds.Format(fields.CredentialId), CredentialKind.App, DateTimeOffset.UnixEpoch);
    }

    private static bool Matches(ReadOnlySpan<byte> verifier, byte[]? digest)
    {
        var sha = _threadSha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> presented = stackalloc byte[32];
        sha.AppendData(verifier);
        sha.GetHashAndReset(presented);
        return digest is { Length: 32 } && CryptographicOperations.FixedTimeEquals(presented, digest);
    }
}
