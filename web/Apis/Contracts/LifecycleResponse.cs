using Sessions.Grains.Abstractions.Users;

namespace Sessions.Web.Apis.Contracts;

/// <summary>What a disable, enable or delete did: <c>outcome</c> is <c>done</c> or <c>unchanged</c> (the account already
/// was so), with the sessions and API tokens it revoked.</summary>
public sealed record LifecycleResponse(string Outcome, int RevokedSessions, int RevokedTokens)
{
    public static LifecycleResponse From(LifecycleResult result) =>
        new(result.Outcome == LifecycleOutcome.Done ? "done" : "unchanged", result.RevokedSessions, result.RevokedTokens);
}
