namespace Sessions.Grains.Operations;

/// <summary>The probe grain's (empty) state; only reading it matters.</summary>
[GenerateSerializer, Alias("sg.ProbeState")]
public sealed class ProbeState
{
    [Id(0)] public int Reads { get; set; }
}
