namespace Sessions.Bench.Chaos;

/// <summary>The violations the checker looks for (issue 15; docs/invariants.md, invariants 1 to 3).</summary>
internal static class ViolationKinds
{
    public const string AcceptedAfterRevocation = "validation accepted after an acknowledged revocation covering it";
    public const string AcceptedAfterRotation = "access token accepted after an acknowledged refresh replaced it";
    public const string RefreshedAfterRevocation = "refresh succeeded after an acknowledged revocation covering it";
    public const string IssuedAfterSignOutEverywhere = "credential issued after sign-out-everywhere without a new sign-in";
    public const string Resurrected = "credential accepted after it had been seen refused";
    public const string TwoSuccessors = "two different successors of one refresh token";

    public static readonly string[] All =
        [AcceptedAfterRevocation, AcceptedAfterRotation, RefreshedAfterRevocation, IssuedAfterSignOutEverywhere, Resurrected, TwoSuccessors];
}
