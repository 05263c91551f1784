using System.Text.Json;

namespace Sessions.Bench.Chaos;

/// <summary>What came back for one request: the status (0 when no answer came), the JSON body's top-level strings,
/// the session cookie it set, or the exception type that stood in for an answer.</summary>
internal sealed record Answer(int Status, JsonElement? Body = null, string? Cookie = null, string? Error = null)
{
    public string Outcome => Status == 0 ? Outcomes.Error : Outcomes.Of(Status);

    public bool IsOk => Outcome == Outcomes.Ok;

    public string? Text(string name) =>
        Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
