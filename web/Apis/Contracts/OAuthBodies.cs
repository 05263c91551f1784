using System.Text.Json.Serialization;

namespace Sessions.Web.Apis.Contracts;

/// <summary>An RFC 7662 introspection answer. An inactive token gets <c>{"active":false}</c> and nothing else; an
/// active one says what it may do in <c>scope</c>, space-separated (§2.2).</summary>
public sealed record IntrospectionResponse(
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("sub"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Subject = null,
    [property: JsonPropertyName("username"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Username = null,
    [property: JsonPropertyName("token_type"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TokenType = null,
    [property: JsonPropertyName("exp"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ExpiresAt = null,
    [property: JsonPropertyName("sid"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SessionId = null,
    [property: JsonPropertyName("credential"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Credential = null,
    [property: JsonPropertyName("scope"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Scope = null)
{
    public static readonly IntrospectionResponse Inactive = new(false);
}

/// <summary>The form of an introspection (RFC 7662 §2.1) or revocation (RFC 7009 §2.1) request, as the OpenAPI
/// document describes it; the endpoints read the form themselves, refusing repeated fields.</summary>
public sealed record TokenForm(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("token_type_hint")] string? TokenTypeHint = null);

/// <summary>An OAuth error (RFC 6749 §5.2), the shape OAuth clients expect from /oauth endpoints.</summary>
public sealed record OAuthError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description);
