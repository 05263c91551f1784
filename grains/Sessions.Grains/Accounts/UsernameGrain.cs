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

        // Through ChangeAsync, as every write here: a release (which interleaves) may be writing.
        return await _state.ChangeAsync(claim => Claim(claim, userId))
            ? new RegistrationResult(RegistrationOutcome.Registered, userId)
            : new RegistrationResult(RegistrationOutcome.UsernameTaken);
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

    public async Task<bool> ClaimAsync(string userId)
    {
        _state.ThrowIfPoisoned();
        var name = this.GetPrimaryKeyString();
        if (!GridIds.TryParse(userId, out _) || !AccountRules.TryNormalizeUsername(name, out var normalized) || normalized != name)
        {
            return false;
        }

        if (_state.State.UserId is { } owner)
        {
            return owner == userId;
        }

        await _state.ChangeAsync(claim => Claim(claim, userId));
        return _state.State.UserId == userId;
    }

    public async Task ReleaseAsync(string userId)
    {
        _state.ThrowIfPoisoned();
        await _state.ChangeAsync(claim =>
        {
            if (claim.UserId is null || claim.UserId != userId)
            {
                return false;
            }

            claim.UserId = null;
            claim.ClaimedAt = time.GetUtcNow();
            return true;
        });
    }

    public Task<string?> GetUserIdAsync()
    {
        _state.ThrowIfPoisoned();
        return Task.FromResult(_state.State.UserId);
    }

    /// <summary>Gives a free name to <paramref name="userId"/>; false (nothing to write) when someone holds it.</summary>
    private bool Claim(UsernameState claim, string userId)
    {
        if (claim.UserId is not null)
        {
            return false;
        }

        claim.UserId = userId;
        claim.ClaimedAt = time.GetUtcNow();
        return true;
    }
}
