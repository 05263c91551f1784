namespace Sessions.Grains.Operations;

/// <summary>The probe grain's (empty) state; only reading it matters.</summary>
[GenerateSerializer, Alias("sg.ProbeState")]
internal sealed class ProbeState
{
    /// <summary>The name the probe grain reads this state under.</summary>
    public const string StateName = "probe";

    [Id(0)] public int Reads { get; set; }
}
