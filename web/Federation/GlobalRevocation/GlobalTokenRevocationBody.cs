using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sessions.Web.Federation.GlobalRevocation;

/// <summary>The body of a global token revocation request, as the OpenAPI document describes it
/// (<see cref="RevocationRequest"/> reads it): <c>{"sub_id": {"format": "iss_sub", "iss": …, "sub": …}}</c> or
/// <c>{"sub_id": {"format": "opaque", "id": "&lt;user id&gt;"}}</c>.</summary>
public sealed record GlobalTokenRevocationBody([property: JsonPropertyName("sub_id")] JsonElement SubjectIdentifier);
