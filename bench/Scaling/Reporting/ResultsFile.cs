using System.Text.Json;

namespace Sessions.Bench.Scaling.Reporting;

/// <summary>Results as JSON lines (<c>{"kind":…,"data":…}</c>), appended by each experiment process and read by the
/// report.</summary>
internal sealed class ResultsFile(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Append<T>(string kind, T data)
    {
        var line = JsonSerializer.Serialize(new Entry(kind, JsonSerializer.SerializeToElement(data, Json)), Json);
        File.AppendAllLines(path, [line]);
    }

    /// <summary>Every entry of <paramref name="kind"/>, in the order they were recorded.</summary>
    public List<T> Read<T>(string kind) => !File.Exists(path)
        ? []
        : File.ReadLines(path)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize<Entry>(line, Json)!)
            .Where(entry => entry.Kind == kind)
            .Select(entry => entry.Data.Deserialize<T>(Json)!)
            .ToList();

    private sealed record Entry(string Kind, JsonElement Data);
}
