using PasswordVerificationResult = Microsoft.AspNetCore.Identity.PasswordVerificationResult;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Accounts;
using Sessions.Grains.Diagnostics;
using Sessions.Grains.Hosting;

namespace Sessions.Grains.Users;

/// <summary>
/// Owns every credential of one user and is their final judge: deny unless the credential exists, matches, is of
/// the right kind, belongs to the current revocation epoch and has not expired. Validation reads memory only;
/// every change goes through <see cref="UserStore.WriteAsync"/> before it is acknowledged.
/// </summary>
internal sealed partial class UserGrain : Grain, IUserGrain
{
    private const string StateName = "user";

    private readonly TimeProvider _time;
    private readonly SignInThrottleOptions _throttle;
    private readonly TokenCodec _codec;
    private readonly PasswordHashing _passwords;
    private readonly ILogger<UserGrain> _logger;
    private readonly GridMetrics _metrics;
    private readonly Lifetimes _lifetimes;
    private readonly CredentialIssuer _issuer;
    private readonly UserStore _store;
    private readonly IGrainStorage _storage;
    private readonly Guid _userId;
    private readonly string _userIdText;

    public UserGrain(
        [PersistentState(StateName, SessionGrid.StorageName)] IPersistentState<UserState> state,
        [FromKeyedServices(SessionGrid.StorageName)] IGrainStorage storage,
        [FromKeyedServices(SessionGrid.ClockKey)] TimeProvider time,
        IOptions<SessionOptions> options,
        IOptions<SignInThrottleOptions> throttle,
        TokenCodec codec,
        PasswordHashing passwords,
        GridMetrics metrics,
        ILogger<UserGrain> logger)
    {
        _metrics = metrics;
        _storage = storage;
        _time = time;
        _throttle = throttle.Value;
        _codec = codec;
        _passwords = passwords;
        _logger = logger;
        _lifetimes = new Lifetimes(options.Value);
        _issuer = new CredentialIssuer(codec, _lifetimes);
        _userIdText = this.GetPrimaryKeyString();
        // A key that is not a user id leaves _userId empty, and an empty id matches no token.
        _userId = UserIds.TryParse(_userIdText, out var userId) ? userId : Guid.Empty;
        _store = new UserStore(state, _lifetimes, DeactivateOnIdle, metrics, logger, _userIdText);
    }

    private UserState User => _store.User;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var every = _lifetimes.Options.LastSeenFlushInterval;
        this.RegisterGrainTimer(_ => _store.FlushAsync(_time.GetUtcNow()), new GrainTimerCreationOptions(every, every));

        // A duplicate activation elsewhere may revoke what this one still holds in memory (invariant 2): re-read the
        // stored version on a schedule, outside the I/O-free validation path.
        _store.Confirm(_time.GetUtcNow());
        var recheck = _lifetimes.Options.StorageRecheckInterval;
        this.RegisterGrainTimer(_ => _store.RecheckAsync(ReadStoredEtagAsync, _time, 3 * recheck), new GrainTimerCreationOptions(recheck, recheck));
        _store.ReportSessions();
        return Task.CompletedTask;
    }

    private async Task<string?> ReadStoredEtagAsync()
    {
        var stored = new GrainState<UserState>();
        await _storage.ReadStateAsync(StateName, this.GetGrainId(), stored);
        return stored.ETag;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _store.FlushAsync(_time.GetUtcNow());
        _store.StopReporting();
    }

    public async Task<bool> InitializeAsync(string username, string password)
    {
        _store.EnsureWritable();
        if (_userId == Guid.Empty || User.Exists
            || !AccountRules.TryNormalizeUsername(username, out var normalized) || normalized != username
            || !AccountRules.IsAcceptablePassword(password))
        {
            return false;
        }

        var now = _time.GetUtcNow();
        User.Username = normalized;
        User.PasswordHash = _passwords.Hash(password);
        User.CreatedAt = now;
        _store.Audit(now, AuditEventKind.Registered, null, null);
        await _store.WriteAsync(now);
        return true;
    }

    public async Task<SignInResult> SignInAsync(string password, SignInRequest request)
    {
        _store.EnsureWritable();
        password ??= string.Empty;
        if (!User.Exists || request.Kind is not (CredentialKind.Browser or CredentialKind.App))
        {
            _passwords.VerifyDecoy(password);
            return SignInResult.Invalid;
        }

        var now = _time.GetUtcNow();
        if (SignInThrottle.RetryAfter(User.Throttle, now, _throttle) is { } wait)
        {
            _metrics.SignIn("throttled");
            return SignInResult.Throttled(wait);
        }

        var verdict = _passwords.Verify(User.PasswordHash!, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            _metrics.SignIn("failed");
            SignInThrottle.RecordFailure(User.Throttle, now, _throttle);
            _store.Audit(now, AuditEventKind.SignInFailed, null, request.IpAddress);

            // Written just after the reply, so a wrong password for a known user costs what one for an unknown user
            // costs (that path writes nothing). A crash in between forgets this one failure.
            WriteSoon();
            return SignInResult.Invalid;
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            User.PasswordHash = _passwords.Hash(password);
        }

        SignInThrottle.Reset(User.Throttle);
        MakeRoomForSession(now);
        var sessionId = Guid.NewGuid();
        var (record, issued) = request.Kind == CredentialKind.Browser
            ? _issuer.NewBrowserSession(_userId, sessionId, request, User.Epoch, now)
            : _issuer.NewAppSession(_userId, sessionId, request, User.Epoch, now);
        User.Sessions[sessionId] = record;
        _store.Audit(now, AuditEventKind.SignedIn, sessionId, Describe(request));
        await _store.WriteAsync(now);
        _metrics.SignIn("succeeded");
        return new SignInResult(SignInOutcome.SignedIn, issued);
    }

    public ValueTask<ValidationResult> ValidateAsync(string token)
    {
        if (_store.Poisoned)
        {
            return ValueTask.FromResult(ValidationResult.Unavailable);
        }

        // The verifier digest is the authority here; the front end has already checked the MAC.
        if (!_codec.TryReadWithoutMac(token, out var fields) || fields.UserId != _userId)
        {
            return ValueTask.FromResult(ValidationResult.Denied);
        }

        var now = _time.GetUtcNow();
        var result = fields.Kind switch
        {
            TokenKind.BrowserSession => ValidateSession(in fields, CredentialKind.Browser, now),
            TokenKind.AccessToken => ValidateSession(in fields, CredentialKind.App, now),
            TokenKind.ApiToken => ValidateApiToken(in fields, now),
            _ => ValidationResult.Denied,
        };
        return ValueTask.FromResult(result);
    }

    public ValueTask<ValidationResult> IntrospectAsync(string token)
    {
        if (_store.Poisoned || !TokenCodec.TryGetKind(token, out var kind) || kind != TokenKind.RefreshToken)
        {
            return ValidateAsync(token);
        }

        if (!_codec.TryRead(token, TokenKind.RefreshToken, out var fields) || fields.UserId != _userId)
        {
            return ValueTask.FromResult(ValidationResult.Denied);
        }

        var now = _time.GetUtcNow();
        var id = fields.CredentialId;
        var live = User.Sessions.TryGetValue(id, out var session) && session.Kind == CredentialKind.App
            && _store.IsLive(id, session, now) && CredentialIssuer.Matches(fields.Verifier, session.RefreshDigest);
        return ValueTask.FromResult(live
            ? new ValidationResult(ValidationOutcome.Valid, _userIdText, User.Username, UserIds.Format(id), CredentialKind.App,
                Lifetimes.Min(session!.RefreshExpiresAt, session.AbsoluteExpiresAt))
            : ValidationResult.Denied);
    }

    public async Task<RefreshResult> RefreshAsync(string refreshToken)
    {
        _store.EnsureWritable();
        var now = _time.GetUtcNow();
        if (!_codec.TryRead(refreshToken, TokenKind.RefreshToken, out var fields) || fields.UserId != _userId
            || !User.Sessions.TryGetValue(fields.CredentialId, out var session)
            || session.Kind != CredentialKind.App || !_store.IsLive(fields.CredentialId, session, now))
        {
            return RefreshResult.Invalid;
        }

        var id = fields.CredentialId;
        if (CredentialIssuer.Matches(fields.Verifier, session.RefreshDigest))
        {
            var issued = _issuer.Rotate(session, _userId, id, fields.Verifier, now);
            _store.Touch(id, now);
            _store.Audit(now, AuditEventKind.Refreshed, id, null);
            await _store.WriteAsync(now);
            return new RefreshResult(RefreshOutcome.Refreshed, issued);
        }

        if (CredentialIssuer.Matches(fields.Verifier, session.PreviousRefreshDigest)
            && now - session.RotatedAt < _lifetimes.Options.RefreshReuseGracePeriod
            && _issuer.Reissue(session, _userId, id, fields.Verifier) is { } again)
        {
            return new RefreshResult(RefreshOutcome.Refreshed, again);
        }

        // The MAC proves we issued this refresh token for this session, yet it is not the current one: it was
        // rotated out, so a copy is in someone else's hands. End the whole session (RFC 9700 §4.14.2).
        User.Sessions.Remove(id);
        _store.Forget(id);
        _store.Audit(now, AuditEventKind.RefreshReuseDetected, id, null);
        LogReuseDetected(_logger, _userIdText, UserIds.Format(id));
        await _store.WriteAsync(now);
        _metrics.Revoked("refresh_reuse");
        return new RefreshResult(RefreshOutcome.ReuseDetected);
    }

    public async Task<bool> EndSessionAsync(string sessionId)
    {
        _store.EnsureWritable();
        if (!UserIds.TryParse(sessionId, out var id) || !User.Sessions.Remove(id))
        {
            return false;
        }

        var now = _time.GetUtcNow();
        _store.Forget(id);
        _store.Audit(now, AuditEventKind.SessionRevoked, id, null);
        await _store.WriteAsync(now);
        _metrics.Revoked("session");
        return true;
    }

    public async Task<bool> RevokeApiTokenAsync(string tokenId)
    {
        _store.EnsureWritable();
        if (!UserIds.TryParse(tokenId, out var id) || !User.ApiTokens.Remove(id))
        {
            return false;
        }

        var now = _time.GetUtcNow();
        _store.Forget(id);
        _store.Audit(now, AuditEventKind.ApiTokenRevoked, id, null);
        await _store.WriteAsync(now);
        _metrics.Revoked("api_token");
        return true;
    }

    public async Task RevokeTokenAsync(string token)
    {
        _store.EnsureWritable();
        if (!_codec.TryRead(token, out var fields) || fields.UserId != _userId || !HoldsCredential(in fields))
        {
            return;
        }

        var id = fields.CredentialId;
        var revoked = fields.Kind == TokenKind.ApiToken ? User.ApiTokens.Remove(id) : User.Sessions.Remove(id);
        if (revoked)
        {
            var now = _time.GetUtcNow();
            _store.Forget(id);
            _store.Audit(now, fields.Kind == TokenKind.ApiToken ? AuditEventKind.ApiTokenRevoked : AuditEventKind.SessionRevoked,
                id, "token revocation");
            await _store.WriteAsync(now);
            _metrics.Revoked("token_revocation");
        }
    }

    public async Task<SignOutEverywhereResult> SignOutEverywhereAsync(string? keepCredentialId)
    {
        _store.EnsureWritable();
        var started = Stopwatch.GetTimestamp();
        var now = _time.GetUtcNow();
        var keepId = UserIds.TryParse(keepCredentialId, out var id) ? id : Guid.Empty;
        var keptSession = User.Sessions.TryGetValue(keepId, out var session) && _store.IsLive(keepId, session, now) ? session : null;
        var keptToken = User.ApiTokens.TryGetValue(keepId, out var token) && IsLive(token, now) ? token : null;

        var revokedSessions = User.Sessions.Count(s => s.Value != keptSession && _store.IsLive(s.Key, s.Value, now));
        var revokedTokens = User.ApiTokens.Values.Count(t => t != keptToken && IsLive(t, now));
        User.Epoch++;
        User.NotBefore = now;
        User.Sessions.Clear();
        User.ApiTokens.Clear();
        _store.ForgetAllBut(keepId);
        if (keptSession is not null)
        {
            keptSession.Epoch = User.Epoch;
            User.Sessions[keepId] = keptSession;
        }

        if (keptToken is not null)
        {
            keptToken.Epoch = User.Epoch;
            User.ApiTokens[keepId] = keptToken;
        }

        var kept = keptSession is not null || keptToken is not null ? keepId : (Guid?)null;
        _store.Audit(now, AuditEventKind.SignedOutEverywhere, kept, $"{revokedSessions} sessions, {revokedTokens} API tokens");
        await _store.WriteAsync(now);
        _metrics.Revoked("sign_out_everywhere", revokedSessions + revokedTokens);
        _metrics.SignedOutEverywhere(Stopwatch.GetElapsedTime(started));
        return new SignOutEverywhereResult(revokedSessions, revokedTokens, now);
    }

    public async Task<ApiTokenResult> CreateApiTokenAsync(string actorSessionId, string name, TimeSpan? lifetime)
    {
        _store.EnsureWritable();
        var now = _time.GetUtcNow();
        if (!IsLiveSession(actorSessionId, now, out _))
        {
            return new ApiTokenResult(ApiTokenOutcome.Denied);
        }

        var span = lifetime ?? _lifetimes.Options.ApiTokenDefaultLifetime;
        name = name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > 64 || name.Any(char.IsControl) || span <= TimeSpan.Zero || span > _lifetimes.Options.ApiTokenMaxLifetime)
        {
            return new ApiTokenResult(ApiTokenOutcome.Rejected);
        }

        if (User.ApiTokens.Values.Count(t => IsLive(t, now)) >= _lifetimes.Options.MaxApiTokensPerUser)
        {
            return new ApiTokenResult(ApiTokenOutcome.LimitReached);
        }

        var tokenId = Guid.NewGuid();
        var (record, token) = _issuer.NewApiToken(_userId, tokenId, name, User.Epoch, now, span);
        User.ApiTokens[tokenId] = record;
        _store.Audit(now, AuditEventKind.ApiTokenCreated, tokenId, name);
        await _store.WriteAsync(now);
        return new ApiTokenResult(ApiTokenOutcome.Created, UserIds.Format(tokenId), token, record.ExpiresAt);
    }

    public Task<SessionInfo[]> ListSessionsAsync(string? currentSessionId)
    {
        var now = _time.GetUtcNow();
        var current = UserIds.TryParse(currentSessionId, out var id) ? id : Guid.Empty;
        var list = User.Sessions
            .Where(s => _store.IsLive(s.Key, s.Value, now))
            .Select(s => Describe(s.Key, s.Value, s.Key == current))
            .OrderByDescending(s => s.LastSeenAt)
            .ToArray();
        return Task.FromResult(list);
    }

    public Task<ApiTokenInfo[]> ListApiTokensAsync()
    {
        var now = _time.GetUtcNow();
        var list = User.ApiTokens
            .Where(t => IsLive(t.Value, now))
            .Select(t => new ApiTokenInfo(
                UserIds.Format(t.Key), t.Value.Name, t.Value.CreatedAt, t.Value.ExpiresAt, _store.LastUsed(t.Key, t.Value)))
            .OrderBy(t => t.CreatedAt)
            .ToArray();
        return Task.FromResult(list);
    }

    public async Task<PasswordChangeResult> ChangePasswordAsync(string actorSessionId, string currentPassword, string newPassword)
    {
        _store.EnsureWritable();
        var now = _time.GetUtcNow();
        if (!IsLiveSession(actorSessionId, now, out var actor))
        {
            return new PasswordChangeResult(PasswordChangeOutcome.Denied);
        }

        if (!AccountRules.IsAcceptablePassword(newPassword))
        {
            return new PasswordChangeResult(PasswordChangeOutcome.Rejected);
        }

        if (SignInThrottle.LockedFor(User.Throttle, now) is { } wait)
        {
            return new PasswordChangeResult(PasswordChangeOutcome.Throttled, 0, wait);
        }

        if (_passwords.Verify(User.PasswordHash!, currentPassword ?? string.Empty) == PasswordVerificationResult.Failed)
        {
            SignInThrottle.RecordFailure(User.Throttle, now, _throttle);
            _store.Audit(now, AuditEventKind.SignInFailed, actor, "password change");
            await _store.WriteAsync(now);
            return new PasswordChangeResult(PasswordChangeOutcome.WrongPassword);
        }

        var others = User.Sessions.Where(s => s.Key != actor).ToList();
        var revoked = others.Count(s => _store.IsLive(s.Key, s.Value, now));
        foreach (var (id, _) in others)
        {
            User.Sessions.Remove(id);
            _store.Forget(id);
        }

        User.PasswordHash = _passwords.Hash(newPassword);
        SignInThrottle.Reset(User.Throttle);
        _store.Audit(now, AuditEventKind.PasswordChanged, actor, $"{revoked} other sessions signed out");
        await _store.WriteAsync(now);
        _metrics.Revoked("password_change", revoked);
        return new PasswordChangeResult(PasswordChangeOutcome.Changed, revoked);
    }

    public Task<AccountSummary?> GetAccountAsync() => Task.FromResult(
        User.Exists ? new AccountSummary(_userIdText, User.Username!, User.CreatedAt, User.NotBefore) : null);

    public Task<AuditEvent[]> GetAuditTrailAsync() => Task.FromResult(User.AuditTrail.ToArray());

    public async Task RecordAdminActionAsync(string description)
    {
        _store.EnsureWritable();
        var now = _time.GetUtcNow();
        _store.Audit(now, AuditEventKind.AdminAction, null, description);
        await _store.WriteAsync(now);
    }
}
