using System.Security.Cryptography;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Grains.Users;

/// <summary>
/// Mints credentials: fresh 256-bit verifiers from the OS CSPRNG, records holding only their SHA-256 digests, and
/// the tokens handed to the client once. Refresh successors are derived from the presented refresh token under the
/// grid key, so a retry inside the grace window gets the identical pair.
/// </summary>
internal sealed class CredentialIssuer(TokenCodec codec, CredentialLifetimes lifetimes)
{
    [ThreadStatic]
    private static IncrementalHash? _threadSha256;

    /// <summary>A new session of the kind <paramref name="request"/> asks for: browser or app.</summary>
    public (SessionRecord Record, IssuedSession Issued) NewSession(
        Guid userId, Guid sessionId, SignInRequest request, long epoch, DateTimeOffset now) => request.Kind == CredentialKind.Browser
            ? NewBrowserSession(userId, sessionId, request, epoch, now)
            : NewAppSession(userId, sessionId, request, epoch, now);

    private (SessionRecord Record, IssuedSession Issued) NewBrowserSession(
        Guid userId, Guid sessionId, SignInRequest request, long epoch, DateTimeOffset now)
    {
        Span<byte> verifier = stackalloc byte[TokenFields.VerifierLength];
        RandomNumberGenerator.Fill(verifier);
        var record = NewRecord(CredentialKind.Browser, request, epoch, now);
        record.Digest = Digest(verifier);
        var token = codec.Write(TokenKind.BrowserSession, userId, sessionId, verifier);
        CryptographicOperations.ZeroMemory(verifier);
        var issued = new IssuedSession(
            GridIds.Format(userId), GridIds.Format(sessionId), CredentialKind.Browser,
            lifetimes.SessionDeadline(record, now), token, null, null, null, null);
        return (record, issued);
    }

    private (SessionRecord Record, IssuedSession Issued) NewAppSession(
        Guid userId, Guid sessionId, SignInRequest request, long epoch, DateTimeOffset now)
    {
        var record = NewRecord(CredentialKind.App, request, epoch, now);
        Span<byte> access = stackalloc byte[TokenFields.VerifierLength];
        Span<byte> refresh = stackalloc byte[TokenFields.VerifierLength];
        RandomNumberGenerator.Fill(access);
        RandomNumberGenerator.Fill(refresh);
        var issued = Install(record, userId, sessionId, codec.Keys.ActiveKeyId, access, refresh, now);
        CryptographicOperations.ZeroMemory(access);
        CryptographicOperations.ZeroMemory(refresh);
        return (record, issued);
    }

    /// <summary>Replaces the session's pair with the successor of <paramref name="refreshVerifier"/>.</summary>
    public IssuedSession Rotate(SessionRecord record, Guid userId, Guid sessionId, ReadOnlySpan<byte> refreshVerifier, DateTimeOffset now)
    {
        Span<byte> access = stackalloc byte[TokenFields.VerifierLength];
        Span<byte> refresh = stackalloc byte[TokenFields.VerifierLength];
        var keyId = codec.Keys.ActiveKeyId;
        codec.Keys.TryDeriveSuccessor(keyId, sessionId, refreshVerifier, access, refresh);
        record.PreviousRefreshDigest = record.RefreshDigest;
        record.RotatedAt = now;
        var issued = Install(record, userId, sessionId, keyId, access, refresh, now);
        CryptographicOperations.ZeroMemory(access);
        CryptographicOperations.ZeroMemory(refresh);
        return issued;
    }

    /// <summary>Re-sends the pair the last rotation derived from <paramref name="refreshVerifier"/>, unchanged;
    /// null when the key it was derived with has left the ring.</summary>
    public IssuedSession? Reissue(SessionRecord record, Guid userId, Guid sessionId, ReadOnlySpan<byte> refreshVerifier)
    {
        Span<byte> access = stackalloc byte[TokenFields.VerifierLength];
        Span<byte> refresh = stackalloc byte[TokenFields.VerifierLength];
        if (!codec.Keys.TryDeriveSuccessor(record.RotationKeyId, sessionId, refreshVerifier, access, refresh))
        {
            return null;
        }

        var issued = AppSession(record, userId, sessionId,
            codec.Write(TokenKind.AccessToken, record.RotationKeyId, userId, sessionId, access),
            codec.Write(TokenKind.RefreshToken, record.RotationKeyId, userId, sessionId, refresh));
        CryptographicOperations.ZeroMemory(access);
        CryptographicOperations.ZeroMemory(refresh);
        return issued;
    }

    public (ApiTokenRecord Record, string Token) NewApiToken(
        Guid userId, Guid tokenId, string name, ApiTokenScopes scopes, long epoch, DateTimeOffset now, TimeSpan lifetime)
    {
        Span<byte> verifier = stackalloc byte[TokenFields.VerifierLength];
        RandomNumberGenerator.Fill(verifier);
        var record = new ApiTokenRecord
        {
            Name = name,
            Scopes = scopes,
            Epoch = epoch,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
            Digest = Digest(verifier),
        };
        var token = codec.Write(TokenKind.ApiToken, userId, tokenId, verifier);
        CryptographicOperations.ZeroMemory(verifier);
        return (record, token);
    }

    /// <summary>SHA-256 of a verifier: what the grain stores and compares.</summary>
    public static byte[] Digest(ReadOnlySpan<byte> verifier) => SHA256.HashData(verifier);

    /// <summary>Compares a presented verifier with a stored digest in constant time (both 32 bytes, always).</summary>
    public static bool Matches(ReadOnlySpan<byte> verifier, byte[]? digest)
    {
        // A reused per-thread hash context: the one-shot API sets up a new OpenSSL context on every call.
        var sha = _threadSha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> presented = stackalloc byte[32];
        sha.AppendData(verifier);
        sha.GetHashAndReset(presented);
        return digest is { Length: 32 } && CryptographicOperations.FixedTimeEquals(presented, digest);
    }

    private IssuedSession Install(
        SessionRecord record, Guid userId, Guid sessionId, byte keyId, ReadOnlySpan<byte> access, ReadOnlySpan<byte> refresh, DateTimeOffset now)
    {
        record.Digest = Digest(access);
        record.RefreshDigest = Digest(refresh);
        record.RotationKeyId = keyId;
        record.AccessExpiresAt = lifetimes.AccessTokenExpiresAt(record, now);
        record.RefreshExpiresAt = lifetimes.RefreshTokenExpiresAt(record, now);
        return AppSession(record, userId, sessionId,
            codec.Write(TokenKind.AccessToken, keyId, userId, sessionId, access),
            codec.Write(TokenKind.RefreshToken, keyId, userId, sessionId, refresh));
    }

    private IssuedSession AppSession(SessionRecord record, Guid userId, Guid sessionId, string accessToken, string refreshToken) =>
        new(GridIds.Format(userId), GridIds.Format(sessionId), CredentialKind.App, lifetimes.SessionDeadline(record, record.LastSeenAt),
            null, accessToken, record.AccessExpiresAt, refreshToken, record.RefreshExpiresAt);

    private SessionRecord NewRecord(CredentialKind kind, SignInRequest request, long epoch, DateTimeOffset now) => new()
        {
            Kind = kind,
            Epoch = epoch,
            CreatedAt = now,
            AbsoluteExpiresAt = lifetimes.AbsoluteExpiresAt(kind, now),
            LastSeenAt = now,
            Device = request.Device,
            IpAddress = request.IpAddress,
            UserAgent = request.UserAgent,
        };
}
