using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sessions.Bench.Chaos;

/// <summary>Source-generated JSON for the histories and the timeline.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HistoryEntry))]
[JsonSerializable(typeof(MembershipEvent))]
internal sealed partial class ChaosJson : JsonSerializerContext;
