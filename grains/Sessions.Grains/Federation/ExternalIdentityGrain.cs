using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Hosting;
using Sessions.Grains.Storage;

namespace Sessions.Grains.Federation;

/// <summary>
/// Decides which grid user one external identity is (key: <see cref="ExternalIdentities.GrainKey"/>). A single activation
/// serialises the first sign-ins of one person, and the storage's version check refuses a duplicate's write, so one
/// person becomes one user. The first sign-in goes in steps that each survive a crash: the new user's id is written
/// first, then its username claimed, its account made and the link written; an interrupted one is finished by the next
/// sign-in with the same id and name (docs/architecture.md, "Federation").
/// </summary>
internal sealed partial class ExternalIdentityGrain(
    [PersistentState(ExternalIdentityState.StateName, SessionGrid.StorageName)] IPersistentState<ExternalIdentityState> state,
    [FromKeyedServices(SessionGrid.ClockKey)] TimeProvider time,
    IGrainContext context,
    ILogger<ExternalIdentityGrain> logger) : Grain, IExternalIdentityGrain
{
    // The identity is personal data: log lines name only the kind of grain.
    private readonly GuardedState<ExternalIdentityState> _state = new(state, context, logger, "an external identity");

    public async Task<SignInResult> SignInAsync(FederatedSignIn request)
    {
        _state.ThrowIfPoisoned();
        if (request is null || !ExternalIdentities.IsAcceptable(request.Identity, request.ProviderName)
            || !ExternalIdentities.IsAcceptableSessionId(request.ProviderSessionId)
            || ExternalIdentities.GrainKey(request.Identity) != this.GetPrimaryKeyString())
        {
            return SignInResult.Invalid;
        }

        if ((_state.State.UserId ?? await LinkNewUserAsync(request)) is not { } userId)
        {
            return SignInResult.Invalid;
        }

        // Recorded before the session exists, so a logout naming only this sid can never miss a session it made.
        if (request.ProviderSessionId is { } sid
            && !await GrainFactory.GetGrain<IProviderSessionGrain>(ExternalIdentities.ProviderSessionKey(request.Identity.Issuer, sid)).AddUserAsync(userId))
        {
            return SignInResult.Invalid;
        }

        return await GrainFactory.GetGrain<IUserGrain>(userId).SignInFederatedAsync(request);
    }

    public Task<string?> GetUserIdAsync()
    {
        _state.ThrowIfPoisoned();
        return Task.FromResult(_state.State.UserId);
    }

    public async Task UnlinkAsync(string userId)
    {
        _state.ThrowIfPoisoned();
        await _state.ChangeAsync(link =>
        {
            var linked = link.UserId is not null && link.UserId == userId;
            var pending = link.PendingUserId is not null && link.PendingUserId == userId;
            link.UserId = linked ? null : link.UserId;
            link.PendingUserId = pending ? null : link.PendingUserId;
            return linked || pending;
        });
    }

    /// <summary>The first sign-in: makes the user and links it, each step durable; null when it cannot finish now
    /// (no username could be claimed, or the user was deleted meanwhile), and nothing is issued.</summary>
    private async Task<string?> LinkNewUserAsync(FederatedSignIn request)
    {
        // 1. The new user's id, durable before any other grain hears of it.
        var pending = _state.State.PendingUserId ?? GridIds.Format(Guid.NewGuid());
        await _state.ChangeAsync(link =>
        {
            var fresh = link.PendingUserId is null;
            link.PendingUserId = pending;
            return fresh;
        });

        // 2. and 3. Its name and its account, unless an interrupted attempt already made them.
        var user = GrainFactory.GetGrain<IUserGrain>(pending);
        if (await user.GetAccountAsync() is null)
        {
            if (await ClaimUsernameAsync(request.PreferredUsername, pending) is not { } username)
            {
                return null;
            }

            var created = await user.InitializeFederatedAsync(username, request.Identity, request.ProviderName);
            if (created.Outcome != RegistrationOutcome.Registered)
            {
                return null;
            }
        }

        // 4. The link; not if the user was deleted (and this pending id dropped) while the steps above ran.
        var linked = await _state.ChangeAsync(link =>
        {
            if (link.PendingUserId != pending)
            {
                return false;
            }

            link.UserId = pending;
            link.PendingUserId = null;
            link.LinkedAt = time.GetUtcNow();
            return true;
        });
        return linked ? pending : null;
    }

    private async Task<string?> ClaimUsernameAsync(string? preferredUsername, string userId)
    {
        var tried = 0;
        foreach (var candidate in FederatedUsernames.Candidates(preferredUsername, Guid.ParseExact(userId, "N")))
        {
            tried++;
            if (await GrainFactory.GetGrain<IUsernameGrain>(candidate).ClaimAsync(userId))
            {
                return candidate;
            }
        }

        LogNoUsername(logger, tried);
        return null;
    }

    [LoggerMessage(1410, LogLevel.Warning, "A first federated sign-in found none of {Count} candidate usernames free; nothing was issued")]
    private static partial void LogNoUsername(ILogger logger, int count);
}
