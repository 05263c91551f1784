using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Hosting;
using Sessions.Grains.Storage;
using Sessions.Grains.Users;

namespace Sessions.Grains.Accounts;

/// <summary>
/// Decides who owns one normalised username (a single activation serialises concurrent registrations, and the
/// storage's optimistic concurrency rejects a duplicate activation's write), and is the one door to password
/// sign-in: for a free name it spends a decoy hash (through the same <see cref="Abuse.PasswordHashGate"/>) and
/// throttles in memory exactly like a known account would, so nothing about the answer says whether the account exists.
/// </summary>
internal sealed class UsernameGrain(
    [PersistentState(UsernameState.StateName, SessionGrid.StorageName)] IPersistentState<UsernameState> state,
    [FromKeyedServices(SessionGrid.ClockKey)] TimeProvider time,
    IOptions<SignInThrottleOptions> throttle,
    PasswordHashing passwords,
    IGrainContext context,
    ILogger<UsernameGrain> logger) : Grain, IUsernameGrain
{
    // The username is personal data: log lines say only that a username's claim failed.
    private readonly GuardedState<UsernameState> _state = new(state, context, logger, "a username");
    private readonly SignInThrottleState _decoyThrottle = new();

    public async Task<RegistrationResult> RegisterAsync(string password)
    {
        _state.ThrowIfPoisoned();
        var name = this.GetPrimaryKeyString();
        if (!AccountRules.TryNormalizeUsername(name, out var normalized) || normalized != name
            || !AccountRules.IsAcceptablePassword(password))
        {
            return new RegistrationResult(RegistrationOutcome.Rejected);
        }

        if (_state.State.UserId is not null)
        {
            return new RegistrationResult(RegistrationOutcome.UsernameTaken);
        }

        // The user is created first: if claiming the name then fails, an unreachable user is left behind (harmless);
        // the other order could leave a name claimed by nobody.
        // Busy (the password could not be hashed now) leaves the user grain empty and the name free: a retry can win.
        var userId = GridIds.Format(Guid.NewGuid());
        var created = await GrainFactory.GetGrain<IUserGrain>(userId).InitializeAsync(name, password);
        if (created.Outcome != RegistrationOutcome.Registered)
        {
            return created;
        }

        _state.State.UserId = userId;
        _state.State.ClaimedAt = time.GetUtcNow();
        await _state.WriteAsync();
        return new RegistrationResult(RegistrationOutcome.Registered, userId);
    }

    public async Task<SignInResult> SignInAsync(string password, SignInRequest request)
    {
        _state.ThrowIfPoisoned();
        if (_state.State.UserId is { } userId)
        {
            return await GrainFactory.GetGrain<IUserGrain>(userId).SignInAsync(password, request);
        }

        var now = time.GetUtcNow();
        if (SignInThrottle.RetryAfter(_decoyThrottle, now, throttle.Value) is { } wait)
        {
            return SignInResult.Throttled(wait);
        }

        // The same gate as a known user's check: busy alike, and a busy attempt counts as no failure for either.
        if ((await passwords.VerifyDecoyAsync(password ?? string.Empty)).Verdict == PasswordVerdict.Busy)
        {
            return SignInResult.Busy(passwords.RetryAfter);
        }

        SignInThrottle.RecordFailure(_decoyThrottle, now, throttle.Value);
        return SignInResult.Invalid;
    }

    // PLACEHOLDER on the h-fedgrains base branch only.
    public Task<bool> ClaimAsync(string userId) => throw new NotImplementedException();

    // PLACEHOLDER on the h-fedgrains base branch only.
    public Task ReleaseAsync(string userId) => throw new NotImplementedException();

    public Task<string?> GetUserIdAsync()
    {
        _state.ThrowIfPoisoned();
        return Task.FromResult(_state.State.UserId);
    }
}
