namespace Sessions.Bench.Chaos;

/// <summary>One thing the grid must never do, seen in the history, with the history lines that show it.</summary>
internal sealed record Violation(string Kind, string User, string What, IReadOnlyList<HistoryEntry> Evidence);
