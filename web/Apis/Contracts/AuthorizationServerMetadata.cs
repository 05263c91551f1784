using System.Text.Json.Serialization;

namespace Sessions.Web.Apis.Contracts;

/// <summary>
/// The grid's OAuth 2.0 Authorization Server Metadata (RFC 8414 §2): where its standard endpoints are and how each
/// authenticates its callers. The grid has no authorization or token endpoint (sign-in is its own API, or an OpenID
/// Connect provider's), so it lists no response types: <c>response_types_supported</c> is required and empty.
/// </summary>
public sealed record AuthorizationServerMetadata(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("response_types_supported")] string[] ResponseTypesSupported,
    [property: JsonPropertyName("introspection_endpoint")] string IntrospectionEndpoint,
    [property: JsonPropertyName("introspection_endpoint_auth_methods_supported")] string[] IntrospectionEndpointAuthMethodsSupported,
    [property: JsonPropertyName("revocation_endpoint")] string RevocationEndpoint,
    [property: JsonPropertyName("revocation_endpoint_auth_methods_supported")] string[] RevocationEndpointAuthMethodsSupported,
    [property: JsonPropertyName("global_token_revocation_endpoint")] string GlobalTokenRevocationEndpoint,
    [property: JsonPropertyName("global_token_revocation_endpoint_auth_methods_supported")] string[] GlobalTokenRevocationEndpointAuthMethodsSupported,
    [property: JsonPropertyName("global_token_revocation_endpoint_auth_signing_alg_values_supported")] IReadOnlyList<string> GlobalTokenRevocationEndpointAuthSigningAlgValuesSupported);
