using System.Text.Json.Serialization.Metadata;

namespace Sessions.Bench.Chaos;

/// <summary>Appends records to a file as JSON lines, from any number of tasks; flushed at least once a second and
/// when disposed.</summary>
internal sealed class JsonLines<T> : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly JsonTypeInfo<T> _type;
    private readonly Lock _lock = new();
    private long _lastFlush = MonotonicClock.Now();

    public JsonLines(string path, JsonTypeInfo<T> type)
    {
        _writer = new StreamWriter(path, append: true);
        _type = type;
    }

    public void Write(T record)
    {
        var line = System.Text.Json.JsonSerializer.Serialize(record, _type);
        lock (_lock)
        {
            _writer.WriteLine(line);
            if (MonotonicClock.Seconds(MonotonicClock.Now() - _lastFlush) >= 1)
            {
                _writer.Flush();
                _lastFlush = MonotonicClock.Now();
            }
        }
    }

    /// <summary>Every record of the files at <paramref name="paths"/>. A file's last line without its newline is
    /// one still being written (a silo's readiness may be marked while the check reads) and is left out.</summary>
    public static IEnumerable<T> Read(IEnumerable<string> paths, JsonTypeInfo<T> type) =>
        paths.SelectMany(path => Complete(File.ReadAllText(path)))
            .Select(line => System.Text.Json.JsonSerializer.Deserialize(line, type)!);

    private static string[] Complete(string text) =>
        text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose()
    {
        lock (_lock)
        {
            _writer.Dispose();
        }
    }
}
