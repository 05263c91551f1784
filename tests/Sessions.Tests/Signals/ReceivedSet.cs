using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sessions.Tests.Signals;

/// <summary>One POST the receiver got (tests/idp/README.md, receiver.mjs): the token's claims, whether jose verified it,
/// and what the receiver answered.</summary>
public sealed record ReceivedSet(
    [property: JsonPropertyName("jti")] string? Jti,
    [property: JsonPropertyName("events")] JsonElement Events,
    [property: JsonPropertyName("sub_id")] JsonElement SubId,
    [property: JsonPropertyName("iat")] long? Iat,
    [property: JsonPropertyName("verified")] bool Verified,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("duplicate")] bool? Duplicate,
    [property: JsonPropertyName("contentType")] string? ContentType,
    [property: JsonPropertyName("authorization")] string? Authorization)
{
    /// <summary>The one event's type URI.</summary>
    public string EventType => Events.EnumerateObject().Single().Name;

    /// <summary>The one event's members.</summary>
    public JsonElement Event => Events.EnumerateObject().Single().Value;

    /// <summary>The user the subject names: an <c>opaque</c> id, or the <c>user</c> of a <c>complex</c> subject.</summary>
    public string? UserId => SubId.ValueKind != JsonValueKind.Object ? null
        : SubId.GetProperty("format").GetString() == "complex" ? SubId.GetProperty("user").GetProperty("id").GetString()
        : SubId.GetProperty("id").GetString();

    /// <summary>The session a <c>complex</c> subject names.</summary>
    public string? SessionId => SubId.ValueKind == JsonValueKind.Object && SubId.TryGetProperty("session", out var session)
        ? session.GetProperty("id").GetString()
        : null;

    public bool IsAbout(string userId) => UserId == userId;

    /// <summary>Verified by jose and accepted.</summary>
    public bool Delivered => Verified && Status == 202;
}
