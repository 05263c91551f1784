using Sessions.Grains.Abstractions.Users;
using static Sessions.Grains.Abstractions.Signals.SecurityEventTypes;

namespace Sessions.Web.Federation.SharedSignals;

/// <summary>
/// What each security event does to the user it names, each one grain call, durable before it returns (issue 12, item 4):
/// CAEP <c>session-revoked</c> ends the named session, or signs the user out everywhere when none is named; CAEP
/// <c>credential-change</c>, RISC <c>sessions-revoked</c> and <c>credential-compromise</c> sign out everywhere; RISC
/// <c>account-disabled</c> disables and <c>account-enabled</c> enables. Every other event (the SSF verification event,
/// RISC <c>account-purged</c>, anything unknown) is acknowledged and changes nothing: deleting an account is an
/// operator's decision, not a remote signal's.
/// </summary>
internal static class SecurityEventEffects
{
    /// <summary>Whether <paramref name="eventType"/> changes anything here (only then is its subject resolved).</summary>
    public static bool IsActedOn(string eventType) =>
        eventType is SessionRevoked or CredentialChange or SessionsRevoked or CredentialCompromise or AccountDisabled or AccountEnabled;

    /// <summary>Acts on <paramref name="eventType"/> for <paramref name="target"/>, as <paramref name="transmitter"/>.</summary>
    public static async Task<SecurityEventOutcome> ApplyAsync(IUserGrain user, string eventType, SecurityEventTarget target, Actor transmitter) =>
        eventType switch
        {
            SessionRevoked when target.SessionId is { } session =>
                await user.EndSessionAsync(transmitter, session) == RevocationOutcome.Denied ? SecurityEventOutcome.Denied : SecurityEventOutcome.Done,
            AccountDisabled => Of(await user.DisableAsync(transmitter)),
            AccountEnabled => Of(await user.EnableAsync(transmitter)),
            _ => await user.SignOutEverywhereAsync(transmitter, keepCurrent: false) is null ? SecurityEventOutcome.Denied : SecurityEventOutcome.Done,
        };

    private static SecurityEventOutcome Of(LifecycleResult result) => result.Outcome switch
    {
        LifecycleOutcome.Done or LifecycleOutcome.Unchanged => SecurityEventOutcome.Done,
        LifecycleOutcome.NoSuchAccount => SecurityEventOutcome.NoSuchAccount,
        _ => SecurityEventOutcome.Denied,
    };
}
