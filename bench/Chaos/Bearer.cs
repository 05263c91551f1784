namespace Sessions.Bench.Chaos;

/// <summary>A browser-session or access token some answer issued, with what the history says about its end.</summary>
internal sealed class Bearer(string id, string session, HistoryEntry issuer)
{
    public string Id { get; } = id;

    public string Session { get; } = session;

    /// <summary>The sign-in or refresh whose answer carried it.</summary>
    public HistoryEntry Issuer { get; } = issuer;

    /// <summary>From here on it may no longer be valid (a revocation or rotation covering it was invoked, whether or
    /// not it was answered); <see cref="long.MaxValue"/> when nothing may have ended it.</summary>
    public long MayEndAt { get; set; } = long.MaxValue;

    /// <summary>The acknowledged operation that ended it for certain, the earliest to complete; null if none.</summary>
    public HistoryEntry? EndedBy { get; set; }
}
