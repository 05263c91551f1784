using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Federation.Keys;
using Sessions.Web.Federation.SignIn;
using Sessions.Web.Grid;

namespace Sessions.Web.Federation.BackChannelLogout;

/// <summary>
/// What a valid, unreplayed logout token does (OpenID Connect Back-Channel Logout 1.0 §2.7; docs/invariants.md): with
/// <c>sid</c>, the grid sessions created from that provider session end; with only <c>sub</c>, every session of that
/// user from that provider; with <see cref="ProviderLogoutEffect.Everywhere"/>, the users it names are signed out
/// everywhere. Every grain call returns only once its change is durable, so when this returns the logout may be
/// acknowledged; when it throws, nothing may be. Each step is idempotent: a provider's retry redoes it harmlessly.
/// </summary>
public sealed class ProviderLogout(IGrainFactory grains, UserGrains users, ILogger<ProviderLogout> logger)
{
    /// <summary>
    /// Receives a valid <paramref name="token"/> from <paramref name="provider"/>: its jti is looked up in the replay
    /// record, then what it names is ended (<see cref="EndAsync"/>), then the jti is recorded. Only the record's write
    /// makes the token a replay, so a failure before it leaves the provider's retry acceptable (its step is idempotent).
    /// </summary>
    public async Task<LogoutOutcome> ReceiveAsync(FederationProvider provider, LogoutToken token)
    {
        try
        {
            var replays = grains.GetGrain<IReplayRecordGrain>(ReplayRecords.GrainKey(token.Issuer, token.Jti));
            if (await replays.ContainsAsync(token.Jti))
            {
                SignInLog.LogoutRefused(logger, provider.Name, "its jti was used before");
                return LogoutOutcome.Replayed;
            }

            await EndAsync(provider, token);
            switch (await replays.RecordAsync(token.Jti, token.KeepUntil))
            {
                case ReplayRecordOutcome.Recorded:
                    return LogoutOutcome.Done;
                case ReplayRecordOutcome.Replayed:
                    // A copy of this token was received at the same time and recorded first; both did the same.
                    SignInLog.LogoutRefused(logger, provider.Name, "its jti was used before");
                    return LogoutOutcome.Replayed;
                default:
                    SignInLog.LogoutUnavailable(logger, provider.Name, "the replay record is full");
                    return LogoutOutcome.Unavailable;
            }
        }
        catch (Exception exception) when (exception is SessionStoreUnavailableException or GridUnavailableException or TimeoutException or OrleansException)
        {
            SignInLog.LogoutUnavailable(logger, provider.Name, exception.GetType().Name);
            return LogoutOutcome.Unavailable;
        }
    }

    /// <summary>Carries out <paramref name="token"/> from <paramref name="provider"/>, without the replay record.</summary>
    /// <returns>How many users the token named that the grid knows (0: nothing to do, still a success).</returns>
    /// <exception cref="GridUnavailableException">A user grain refused the provider as actor; nothing acknowledged.</exception>
    public async Task<int> EndAsync(FederationProvider provider, LogoutToken token)
    {
        var userIds = await UsersNamedByAsync(token);
        var actor = Actor.Provider(provider.Name);
        var everywhere = provider.Options.OnProviderLogout == ProviderLogoutEffect.Everywhere;
        var ended = 0;
        foreach (var userId in userIds)
        {
            var user = users.Get(userId);
            // A user no longer linked through this provider (deleted, or an index entry left to expire) may not be
            // signed out everywhere by it: then only what this provider created ends, which it may always end.
            if (everywhere && await user.SignOutEverywhereAsync(actor, keepCurrent: false) is { } result)
            {
                ended += result.RevokedSessions;
            }
            else
            {
                ended += await user.EndProviderSessionsAsync(actor, provider.Name, token.SessionId) ?? throw Denied(provider);
            }
        }

        SignInLog.LoggedOut(logger, provider.Name, ended, everywhere ? userIds.Count : 0);
        return userIds.Count;
    }

    // sid names the provider session, whose index knows the users holding sessions from it; sub names the person, whose
    // link knows the user: asked when there is no sid, or when the sid's index knows nobody (a session recorded before
    // the index, or an Everywhere provider whose person holds no session from it now).
    private async Task<IReadOnlyCollection<Guid>> UsersNamedByAsync(LogoutToken token)
    {
        var ids = new HashSet<Guid>();
        if (token.SessionId is { } sid)
        {
            foreach (var id in await grains.GetGrain<IProviderSessionGrain>(ExternalIdentities.ProviderSessionKey(token.Issuer, sid)).GetUserIdsAsync())
            {
                Add(ids, id);
            }
        }

        if (token.Subject is { } subject && (token.SessionId is null || ids.Count == 0))
        {
            var identity = new ExternalIdentity(token.Issuer, subject);
            Add(ids, await grains.GetGrain<IExternalIdentityGrain>(ExternalIdentities.GrainKey(identity)).GetUserIdAsync());
        }

        return ids;
    }

    private static void Add(HashSet<Guid> ids, string? userId)
    {
        if (GridIds.TryParse(userId, out var id))
        {
            ids.Add(id);
        }
    }

    private GridUnavailableException Denied(FederationProvider provider)
    {
        SignInLog.LogoutDenied(logger, provider.Name);
        return new GridUnavailableException("A user grain refused the provider's logout.");
    }
}
