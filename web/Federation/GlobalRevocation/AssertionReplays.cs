using Sessions.Grains.Abstractions.Federation;

namespace Sessions.Web.Federation.GlobalRevocation;

/// <summary>A provider's assertion is honoured once (RFC 7523 §3, <c>jti</c>): checked before anything is looked up,
/// recorded in the issuer's durable replay record once its request is answered. An operator has no assertion.</summary>
internal static class AssertionReplays
{
    /// <summary>Whether the caller's assertion was recorded before.</summary>
    public static async Task<bool> WasUsedAsync(IGrainFactory grains, RevocationCaller caller) =>
        caller.Assertion is { } assertion && await RecordOf(grains, assertion).ContainsAsync(assertion.Jti);

    /// <summary>Records the caller's assertion, durably; null for an operator.</summary>
    public static async Task<ReplayRecordOutcome?> SpendAsync(IGrainFactory grains, RevocationCaller caller) =>
        caller.Assertion is { } assertion ? await RecordOf(grains, assertion).RecordAsync(assertion.Jti, assertion.KeepUntil) : null;

    private static IReplayRecordGrain RecordOf(IGrainFactory grains, RevocationAssertion assertion) =>
        grains.GetGrain<IReplayRecordGrain>(ReplayRecords.GrainKey(assertion.Issuer, assertion.Jti));
}
