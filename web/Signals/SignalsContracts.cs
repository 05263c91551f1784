using System.Text.Json.Serialization;

namespace Sessions.Web.Signals;

/// <summary>The transmitter's metadata (Shared Signals Framework 1.0 §7.1), at <c>GET /.well-known/ssf-configuration</c>.</summary>
/// <param name="SpecVersion">The framework version: <c>1_0</c>.</param>
/// <param name="Issuer">The <c>iss</c> of every token.</param>
/// <param name="JwksUri">Where the public signing keys are.</param>
/// <param name="DeliveryMethodsSupported">Push delivery (RFC 8935) only.</param>
public sealed record SsfConfigurationResponse(
    [property: JsonPropertyName("spec_version")] string SpecVersion,
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("delivery_methods_supported")] string[] DeliveryMethodsSupported);

/// <summary>Every receiver's delivery state, at <c>GET /admin/signals</c>.</summary>
public sealed record AdminSignalsResponse(AdminReceiverStatus[] Receivers);

/// <summary>One receiver: what waits (how many, the oldest's age), what happened to the rest, and the last failure.</summary>
public sealed record AdminReceiverStatus(
    string Name,
    int Queued,
    double? OldestAgeSeconds,
    long Delivered,
    long Failed,
    long Dropped,
    long Expired,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastDeliveredAt);

/// <summary>Source-generated JSON for the signals endpoints.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SsfConfigurationResponse))]
[JsonSerializable(typeof(AdminSignalsResponse))]
internal sealed partial class SignalsJson : JsonSerializerContext;
