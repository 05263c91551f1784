using System.Security.Cryptography;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Hosting;
using Sessions.Grains.Users;

namespace Sessions.Bench.Scaling.Seeding;

/// <summary>
/// Builds the state a user would have after registering and signing in on a few devices (and creating API tokens), as
/// the grain builds it: 256-bit verifiers from the OS CSPRNG, only their SHA-256 digests stored, tokens minted with the
/// grid's <see cref="TokenCodec"/> (its configured key), expiries from the grid's options, the audit trail bounded.
/// Tokens are minted only for users whose tokens are kept; the others store digests of verifiers nobody holds.
/// </summary>
internal sealed class SyntheticUsers(TokenCodec codec, SessionOptions options, string passwordHash, DateTimeOffset now)
{
    private const string BrowserAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private const string AppAgent = "SessionGridApp/2.4 (Android 15; Pixel 8)";

    public (UserState State, SeededUser User) Create(int index, Guid userId, UserShape shape, bool keepTokens)
    {
        var state = new UserState { Username = $"scale-{index}", PasswordHash = passwordHash, CreatedAt = now };
        Audit(state, AuditEventKind.Registered, null, null);
        string? browserToken = null, accessToken = null, refreshToken = null, apiToken = null;
        int browsers = shape.Browser, apps = shape.App;
        for (var i = 0; i < shape.Sessions; i++)
        {
            var sessionId = Guid.NewGuid();
            var browser = browsers > 0 && (apps == 0 || i % 2 == 0);
            if (browser)
            {
                browsers--;
                var (record, token) = BrowserSession(userId, sessionId, keepTokens && browserToken is null);
                state.Sessions[sessionId] = record;
                browserToken ??= token;
            }
            else
            {
                apps--;
                var (record, access, refresh) = AppSession(userId, sessionId, keepTokens && accessToken is null);
                state.Sessions[sessionId] = record;
                accessToken ??= access;
                refreshToken ??= refresh;
            }

            Audit(state, AuditEventKind.SignedIn, sessionId, browser ? "browser from 203.0.113.7" : "app from 198.51.100.23");
        }

        for (var i = 0; i < shape.ApiTokens; i++)
        {
            var tokenId = Guid.NewGuid();
            var name = $"job-{i}";
            var (record, token) = ApiToken(userId, tokenId, name, keepTokens && apiToken is null);
            state.ApiTokens[tokenId] = record;
            apiToken ??= token;
            Audit(state, AuditEventKind.ApiTokenCreated, tokenId, name);
        }

        return (state, new SeededUser(index, userId, browserToken, accessToken, refreshToken, apiToken));
    }

    private (SessionRecord Record, string? Token) BrowserSession(Guid userId, Guid sessionId, bool mint)
    {
        var record = Session(CredentialKind.Browser, options.BrowserAbsoluteLifetime, "Firefox on Linux", "203.0.113.7", BrowserAgent);
        Span<byte> verifier = stackalloc byte[TokenFields.VerifierLength];
        RandomNumberGenerator.Fill(verifier);
        record.Digest = SHA256.HashData(verifier);
        return (record, mint ? codec.Write(TokenKind.BrowserSession, userId, sessionId, verifier) : null);
    }

    private (SessionRecord Record, string? Access, string? Refresh) AppSession(Guid userId, Guid sessionId, bool mint)
    {
        var record = Session(CredentialKind.App, options.RefreshAbsoluteLifetime, "Pixel 8", "198.51.100.23", AppAgent);
        Span<byte> access = stackalloc byte[TokenFields.VerifierLength];
        Span<byte> refresh = stackalloc byte[TokenFields.VerifierLength];
        RandomNumberGenerator.Fill(access);
        RandomNumberGenerator.Fill(refresh);
        record.Digest = SHA256.HashData(access);
        record.RefreshDigest = SHA256.HashData(refresh);
        record.RotationKeyId = codec.Keys.ActiveKeyId;
        record.AccessExpiresAt = Min(now + options.AccessTokenLifetime, record.AbsoluteExpiresAt);
        record.RefreshExpiresAt = Min(now + options.RefreshIdleTimeout, record.AbsoluteExpiresAt);
        return mint
            ? (record, codec.Write(TokenKind.AccessToken, userId, sessionId, access), codec.Write(TokenKind.RefreshToken, userId, sessionId, refresh))
            : (record, null, null);
    }

    private (ApiTokenRecord Record, string? Token) ApiToken(Guid userId, Guid tokenId, string name, bool mint)
    {
        Span<byte> verifier = stackalloc byte[TokenFields.VerifierLength];
        RandomNumberGenerator.Fill(verifier);
        var record = new ApiTokenRecord
        {
            Name = name,
            CreatedAt = now,
            ExpiresAt = now + options.ApiTokenDefaultLifetime,
            Digest = SHA256.HashData(verifier),
        };
        return (record, mint ? codec.Write(TokenKind.ApiToken, userId, tokenId, verifier) : null);
    }

    private SessionRecord Session(CredentialKind kind, TimeSpan absoluteLifetime, string device, string address, string agent) => new()
    {
        Kind = kind,
        CreatedAt = now,
        AbsoluteExpiresAt = now + absoluteLifetime,
        LastSeenAt = now,
        Device = device,
        IpAddress = address,
        UserAgent = agent,
    };

    private void Audit(UserState state, AuditEventKind kind, Guid? credentialId, string? detail)
    {
        state.AuditTrail.Add(new AuditEvent(now, kind, credentialId is { } id ? GridIds.Format(id) : null, detail));
        if (state.AuditTrail.Count > options.AuditTrailLength)
        {
            state.AuditTrail.RemoveAt(0);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
