namespace Sessions.Web.Events;

/// <summary>The open streams of one user on this front end, and the timer that renews the user's subscription and
/// rechecks them all. Guarded by the hub's lock.</summary>
internal sealed class UserStreams(ITimer renewal) : IDisposable
{
    public List<EventStream> Streams { get; } = [];

    public ITimer Renewal { get; } = renewal;

    public void RequestChecks()
    {
        foreach (var stream in Streams)
        {
            stream.RequestCheck();
        }
    }

    public void Dispose() => Renewal.Dispose();
}
