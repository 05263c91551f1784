namespace Sessions.Bench.Scaling;

/// <summary>Progress for the person watching, on standard error (standard output is not used for it).</summary>
internal static class Progress
{
    public static void Line(string text) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {text}");
}
