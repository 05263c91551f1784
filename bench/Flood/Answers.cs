using System.Collections.Concurrent;

namespace Sessions.Bench.Flood;

/// <summary>How a kind of request was answered: counts by HTTP status, and by "timeout" and "error" (no answer).</summary>
internal sealed class Answers
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public long Total => _counts.Values.Sum();

    public long Of(string outcome) => _counts.GetValueOrDefault(outcome);

    public void Add(string outcome) => _counts.AddOrUpdate(outcome, 1, (_, count) => count + 1);

    /// <summary>"401:300,429:20,timeout:1" (statuses first, in order), or "none".</summary>
    public string Describe() => _counts.IsEmpty
        ? "none"
        : string.Join(',', _counts.OrderBy(c => c.Key.Length == 3 && char.IsAsciiDigit(c.Key[0]) ? 0 : 1)
            .ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}:{c.Value}"));
}
