namespace Sessions.Bench.Chaos;

/// <summary>Records one timeline event with the time it was recorded (a silo added, a silo ready, the run's start).</summary>
internal static class MarkCommand
{
    public static int Run(Arguments arguments)
    {
        using var events = new JsonLines<MembershipEvent>(arguments.Required("events"), ChaosJson.Default.MembershipEvent);
        events.Write(new MembershipEvent
        {
            At = MonotonicClock.Now(),
            Kind = arguments.Required("kind"),
            Silo = arguments.Int("silo", 0),
            Pid = arguments.Int("pid", 0),
            Detail = arguments.Text("detail", string.Empty) is { Length: > 0 } detail ? detail : null,
        });
        return 0;
    }
}
