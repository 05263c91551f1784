using System.Text.Json.Serialization;

namespace Sessions.Web.Federation.SharedSignals;

/// <summary>The body of a 400 from the push endpoint (RFC 8935 §2.3): an error code of §2.4 and a description for the
/// transmitter's operator that never repeats a value from the token.</summary>
/// <param name="Err">The code (<see cref="SecurityEventErrors.Code"/>).</param>
/// <param name="Description">What was wrong.</param>
public sealed record SecurityEventErrorBody(
    [property: JsonPropertyName("err")] string Err,
    [property: JsonPropertyName("description")] string Description);
