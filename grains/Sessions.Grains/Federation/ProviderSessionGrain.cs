using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Hosting;
using Sessions.Grains.Storage;

namespace Sessions.Grains.Federation;

/// <summary>
/// Which grid users hold sessions from one provider session (key: <see cref="ExternalIdentities.ProviderSessionKey"/>),
/// so a back-channel logout naming only a <c>sid</c> reaches them. Bounded: an entry is dropped once no session it
/// recorded can still be live (the longest session lifetime after its sign-in), and a record full of live entries
/// refuses the next sign-in rather than forget one (docs/invariants.md, invariant 8).
/// </summary>
internal sealed partial class ProviderSessionGrain(
    [PersistentState(ProviderSessionState.StateName, SessionGrid.StorageName)] IPersistentState<ProviderSessionState> state,
    [FromKeyedServices(SessionGrid.ClockKey)] TimeProvider time,
    IOptions<SessionOptions> options,
    IGrainContext context,
    ILogger<ProviderSessionGrain> logger) : Grain, IProviderSessionGrain
{
    private readonly GuardedState<ProviderSessionState> _state = new(state, context, logger, "a provider session");
    private readonly TimeSpan _retention = Max(options.Value.BrowserAbsoluteLifetime, options.Value.RefreshAbsoluteLifetime);

    public async Task<bool> AddUserAsync(string userId)
    {
        _state.ThrowIfPoisoned();
        if (!GridIds.TryParse(userId, out _))
        {
            return false;
        }

        var full = false;
        await _state.ChangeAsync(record =>
        {
            var now = time.GetUtcNow();
            Prune(record, now);
            full = !record.Users.ContainsKey(userId) && record.Users.Count >= ExternalIdentities.MaxUsersPerProviderSession;
            if (!full)
            {
                record.Users[userId] = now;
            }

            return !full;
        });
        if (full)
        {
            LogFull(logger, record: ExternalIdentities.MaxUsersPerProviderSession);
        }

        return !full;
    }

    public Task<string[]> GetUserIdsAsync()
    {
        _state.ThrowIfPoisoned();
        var since = time.GetUtcNow() - _retention;
        return Task.FromResult(_state.State.Users.Where(u => u.Value > since).Select(u => u.Key).ToArray());
    }

    public async Task RemoveUserAsync(string userId)
    {
        _state.ThrowIfPoisoned();
        await _state.ChangeAsync(record => userId is not null && record.Users.Remove(userId));
    }

    private void Prune(ProviderSessionState record, DateTimeOffset now)
    {
        foreach (var (userId, signedInAt) in record.Users)
        {
            if (signedInAt <= now - _retention)
            {
                record.Users.Remove(userId);
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(1411, LogLevel.Warning, "A provider session already holds {Record} users with live sessions; a further sign-in from it was refused")]
    private static partial void LogFull(ILogger logger, int record);
}
