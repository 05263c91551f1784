using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Hosting;
using Sessions.Grains.Users;

namespace Sessions.Grains.Seeding;

/// <summary>
/// Builds a user's stored state as registering, signing in and creating API tokens build it in the user grain — the
/// same <see cref="CredentialIssuer"/>, <see cref="CredentialLifetimes"/> and <see cref="AuditTrail"/> — but without
/// a grain, to load storage in bulk (the scaling benchmark, bench/Scaling). Every credential is minted as the grain
/// mints it and returned once; the state holds only digests. Persist the state under <see cref="UserState.StateName"/>.
/// </summary>
internal sealed class UserSeed
{
    private readonly DateTimeOffset _now;
    private readonly CredentialLifetimes _lifetimes;
    private readonly CredentialIssuer _issuer;
    private readonly AuditTrail _audit;

    /// <summary>A seed whose every event happens at <paramref name="now"/>.</summary>
    public UserSeed(TokenCodec codec, SessionOptions options, DateTimeOffset now)
    {
        _now = now;
        _lifetimes = new CredentialLifetimes(options);
        _issuer = new CredentialIssuer(codec, _lifetimes);
        _audit = new AuditTrail(options.AuditTrailLength);
    }

    /// <summary>A user just registered, with a password already hashed by the grid's hasher.</summary>
    public UserState Register(string username, string passwordHash)
    {
        var user = new UserState { Username = username, PasswordHash = passwordHash, CreatedAt = _now };
        _audit.Append(user, _now, AuditEventKind.Registered, null, null);
        return user;
    }

    /// <summary>Signs <paramref name="user"/> in with a new browser or app session.</summary>
    public IssuedSession SignIn(UserState user, Guid userId, SignInRequest request)
    {
        var sessionId = Guid.NewGuid();
        var (record, issued) = _issuer.NewSession(userId, sessionId, request, user.Epoch, _now);
        user.Sessions[sessionId] = record;
        _audit.Append(user, _now, AuditEventKind.SignedIn, sessionId, AuditTrail.SignInDetail(request));
        return issued;
    }

    /// <summary>Gives <paramref name="user"/> a new API token of the default lifetime and scopes, and returns it.</summary>
    public string CreateApiToken(UserState user, Guid userId, string name)
    {
        _lifetimes.TryGetApiTokenLifetime(null, out var lifetime);
        var tokenId = Guid.NewGuid();
        var (record, token) = _issuer.NewApiToken(userId, tokenId, name, ApiTokenRules.DefaultScopes, user.Epoch, _now, lifetime);
        user.ApiTokens[tokenId] = record;
        _audit.Append(user, _now, AuditEventKind.ApiTokenCreated, tokenId, name);
        return token;
    }
}
