using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Accounts;
using Sessions.Grains.Diagnostics;
using Sessions.Grains.Hosting;
using Sessions.Grains.Storage;

namespace Sessions.Grains.Users;

/// <summary>
/// Owns every credential of one user and is their final judge: deny unless the credential exists, matches, is of
/// the right kind and is live (<see cref="CredentialLifetimes"/>). Validation reads memory only; every change goes
/// through <see cref="WriteAsync"/> before it is acknowledged.
/// </summary>
internal sealed partial class UserGrain : Grain, IUserGrain
{
    private readonly TimeProvider _time;
    private readonly SessionOptions _options;
    private readonly SignInThrottleOptions _throttle;
    private readonly TokenCodec _codec;
    private readonly PasswordHashing _passwords;
    private readonly ILogger<UserGrain> _logger;
    private readonly GridMetrics _metrics;
    private readonly CredentialLifetimes _lifetimes;
    private readonly CredentialIssuer _issuer;
    private readonly GuardedState<UserState> _state;
    private readonly LastSeenBuffer _lastSeen = new();
    private readonly AuditTrail _audit;
    private readonly SessionsGauge _gauge;
    private readonly StorageRecheck _recheck;
    private readonly IGrainStorage _storage;
    private readonly Guid _userId;
    private readonly string _userIdText;
    private readonly bool _rechecksStorage;

    public UserGrain(
        [PersistentState(UserState.StateName, SessionGrid.StorageName)] IPersistentState<UserState> state,
        [FromKeyedServices(SessionGrid.StorageName)] IGrainStorage storage,
        [FromKeyedServices(SessionGrid.ClockKey)] TimeProvider time,
        IOptions<SessionOptions> options,
        IOptions<SessionStorageOptions> storageOptions,
        IOptions<SignInThrottleOptions> throttle,
        TokenCodec codec,
        PasswordHashing passwords,
        GridMetrics metrics,
        ILogger<UserGrain> logger)
    {
        _options = options.Value;
        _metrics = metrics;
        _storage = storage;
        _rechecksStorage = storageOptions.Value.RechecksStoredVersion;
        _time = time;
        _throttle = throttle.Value;
        _codec = codec;
        _passwords = passwords;
        _logger = logger;
        _lifetimes = new CredentialLifetimes(_options);
        _issuer = new CredentialIssuer(codec, _lifetimes);
        _audit = new AuditTrail(_options.AuditTrailLength);
        _gauge = new SessionsGauge(metrics);
        _userIdText = this.GetPrimaryKeyString();
        // A key that is not a user id leaves _userId empty, and an empty id matches no token.
        _userId = GridIds.TryParse(_userIdText, out var userId) ? userId : Guid.Empty;
        _state = new GuardedState<UserState>(state, GrainContext, logger, $"user {_userIdText}");
        _recheck = new StorageRecheck(_state, time, _options.StorageUnreadableLimitOrDefault, logger, _userIdText);
    }

    private UserState User => _state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var every = _options.LastSeenFlushInterval;
        // The first flush comes at a random point within the interval, so activations that started together (a silo
        // restart, a burst of sign-ins) do not all write at the same moment.
        var first = TimeSpan.FromTicks((long)(every.Ticks * (0.5 + Random.Shared.NextDouble())));
        this.RegisterGrainTimer(_ => FlushAsync(), new GrainTimerCreationOptions(first, every));

        // A duplicate activation elsewhere may revoke what this one still holds in memory (docs/invariants.md,
        // invariant 2): re-read the stored version on a schedule, outside the I/O-free validation path.
        _recheck.Confirm(_time.GetUtcNow());
        if (_rechecksStorage)
        {
            var recheck = _options.StorageRecheckInterval;
            this.RegisterGrainTimer(_ => _recheck.RunAsync(ReadStoredEtagAsync), new GrainTimerCreationOptions(recheck, recheck));
        }

        _gauge.Report(User.Sessions.Count);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await FlushAsync();
        _gauge.Stop();
    }

    public ValueTask<ValidationResult> ValidateAsync(string token)
    {
        if (_state.Poisoned)
        {
            return ValueTask.FromResult(ValidationResult.Unavailable);
        }

        // The verifier digest is the authority here; the front end has already checked the MAC. A disabled account has
        // no credential left; refusing them all again costs one field read.
        if (User.Disabled || !_codec.TryReadWithoutMac(token, out var fields) || fields.UserId != _userId)
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
        if (_state.Poisoned || !TokenCodec.TryGetKind(token, out var kind) || kind != TokenKind.RefreshToken)
        {
            return ValidateAsync(token);
        }

        if (User.Disabled || !_codec.TryRead(token, TokenKind.RefreshToken, out var fields) || fields.UserId != _userId)
        {
            return ValueTask.FromResult(ValidationResult.Denied);
        }

        var now = _time.GetUtcNow();
        var id = fields.CredentialId;
        var live = User.Sessions.TryGetValue(id, out var session) && session.Kind == CredentialKind.App
            && IsLive(id, session, now) && CredentialIssuer.Matches(fields.Verifier, session.RefreshDigest);
        return ValueTask.FromResult(live
            ? new ValidationResult(ValidationOutcome.Valid, _userIdText, User.Username, GridIds.Format(id), CredentialKind.App,
                _lifetimes.SessionDeadline(session!, now), ApiTokenRules.EveryScope)
            : ValidationResult.Denied);
    }

    public Task<AccountSummary?> GetAccountAsync() => Task.FromResult(
        User.Exists
            ? new AccountSummary(_userIdText, User.Username!, User.CreatedAt, User.NotBefore, User.Disabled,
                [.. User.Identities.Select(i => i.ToIdentity())])
            : null);

    public Task<AuditEvent[]> GetAuditTrailAsync() => Task.FromResult(User.AuditTrail.ToArray());

    public async Task RecordAdminActionAsync(string description)
    {
        _state.ThrowIfPoisoned();
        var now = _time.GetUtcNow();
        _audit.Append(User, now, AuditEventKind.AdminAction, null, description);
        await WriteAsync(now);
    }
}
