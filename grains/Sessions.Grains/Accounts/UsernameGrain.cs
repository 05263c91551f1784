using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Hosting;
using Sessions.Grains.Users;

namespace Sessions.Grains.Accounts;

/// <summary>
/// Decides who owns one normalised username (a single activation serialises concurrent registrations, and the
/// storage's optimistic concurrency rejects a duplicate activation's write), and is the one door to password
/// sign-in: for a free name it spends a decoy hash and throttles in memory exactly like a known account would,
/// so nothing about the answer says whether the account exists.
/// </summary>
internal sealed partial class UsernameGrain(
    [PersistentState("username", SessionGrid.StorageName)] IPersistentState<UsernameState> state,
    [FromKeyedServices(SessionGrid.ClockKey)] TimeProvider time,
    IOptions<SignInThrottleOptions> throttle,
    PasswordHashing passwords,
    ILogger<UsernameGrain> logger) : Grain, IUsernameGrain
{
    private readonly SignInThrottleState _decoyThrottle = new();
    private bool _poisoned;

    public async Task<RegistrationResult> RegisterAsync(string password)
    {
        EnsureWritable();
        var name = this.GetPrimaryKeyString();
        if (!AccountRules.TryNormalizeUsername(name, out var normalized) || normalized != name
            || !AccountRules.IsAcceptablePassword(password))
        {
            return new RegistrationResult(RegistrationOutcome.Rejected);
        }

        if (state.State.UserId is not null)
        {
            return new RegistrationResult(RegistrationOutcome.UsernameTaken);
        }

        // The user is created first: if claiming the name then fails, an unreachable user is left behind (harmless);
        // the other order could leave a name claimed by nobody.
        var userId = GridIds.Format(Guid.NewGuid());
        if (!await GrainFactory.GetGrain<IUserGrain>(userId).InitializeAsync(name, password))
        {
            return new RegistrationResult(RegistrationOutcome.Rejected);
        }

        state.State.UserId = userId;
        state.State.ClaimedAt = time.GetUtcNow();
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            _poisoned = true;
            LogClaimFailed(logger, exception);
            DeactivateOnIdle();
            throw new SessionStoreUnavailableException();
        }

        return new RegistrationResult(RegistrationOutcome.Registered, userId);
    }

    public async Task<SignInResult> SignInAsync(string password, SignInRequest request)
    {
        EnsureWritable();
        if (state.State.UserId is { } userId)
        {
            return await GrainFactory.GetGrain<IUserGrain>(userId).SignInAsync(password, request);
        }

        var now = time.GetUtcNow();
        if (SignInThrottle.RetryAfter(_decoyThrottle, now, throttle.Value) is { } wait)
        {
            return SignInResult.Throttled(wait);
        }

        passwords.VerifyDecoy(password ?? string.Empty);
        SignInThrottle.RecordFailure(_decoyThrottle, now, throttle.Value);
        return SignInResult.Invalid;
    }

    public Task<string?> GetUserIdAsync()
    {
        EnsureWritable();
        return Task.FromResult(state.State.UserId);
    }

    private void EnsureWritable()
    {
        if (_poisoned)
        {
            throw new SessionStoreUnavailableException();
        }
    }

    [LoggerMessage(1101, LogLevel.Error, "Claiming a username failed; the activation reloads")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);
}
