using Microsoft.Extensions.Logging;
using Sessions.Grains.Storage;

namespace Sessions.Grains.Users;

/// <summary>
/// The user activation's scheduled comparison of the version it holds with the one in storage. If storage moved on,
/// another activation of this user changed it (docs/threat-model.md, H3): this one is a stale duplicate that may
/// still hold revoked credentials, so it is poisoned and the next call reloads. If storage cannot be read the
/// activation keeps answering, but only until <see cref="Hosting.SessionOptions.StorageUnreadableLimit"/> has passed
/// since memory last matched storage; then it fails closed.
/// </summary>
internal sealed partial class StorageRecheck(
    GuardedState<UserState> state, TimeProvider clock, TimeSpan unreadableLimit, ILogger logger, string userId)
{
    private DateTimeOffset _confirmedAt;

    /// <summary>Notes that memory matches storage as of <paramref name="now"/> (the state was just read or written:
    /// writes are conditional on the version held).</summary>
    public void Confirm(DateTimeOffset now) => _confirmedAt = now;

    /// <summary>Reads the stored version with <paramref name="readStoredEtag"/> and compares. Run it as a
    /// non-interleaved turn, so no write of this activation is in flight.</summary>
    public async Task RunAsync(Func<Task<string?>> readStoredEtag)
    {
        if (state.Poisoned)
        {
            return;
        }

        var startedAt = clock.GetUtcNow();
        string? stored;
        try
        {
            stored = await readStoredEtag();
        }
        catch (Exception exception)
        {
            LogRecheckFailed(logger, exception, userId);
            if (clock.GetUtcNow() - _confirmedAt >= unreadableLimit)
            {
                state.Poison();
            }

            return;
        }

        if (stored == state.Etag)
        {
            _confirmedAt = startedAt;
            return;
        }

        LogStale(logger, userId, state.Etag, stored);
        state.Poison();
    }

    [LoggerMessage(1003, LogLevel.Warning,
        "Stored state of user {UserId} moved on from version {Held} to {Stored}: another activation changed it; this one stops serving and reloads")]
    private static partial void LogStale(ILogger logger, string userId, string? held, string? stored);

    [LoggerMessage(1004, LogLevel.Warning, "Re-reading the stored version of user {UserId} failed; the activation fails closed if this persists")]
    private static partial void LogRecheckFailed(ILogger logger, Exception exception, string userId);
}
