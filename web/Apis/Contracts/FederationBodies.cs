using System.Text.Json.Serialization;

namespace Sessions.Web.Apis.Contracts;

/// <summary>A provider the page offers a "Sign in with …" button for.</summary>
/// <param name="Name">Its configuration name, the path segment of its endpoints.</param>
/// <param name="DisplayName">The name on the button.</param>
/// <param name="LoginUrl">Where the button goes (<c>/auth/federation/{name}/login</c>).</param>
public sealed record FederationProviderResponse(string Name, string DisplayName, string LoginUrl);

/// <summary>The form of a back-channel logout request (OpenID Connect Back-Channel Logout 1.0 §2.5), as the OpenAPI
/// document describes it; the endpoint reads the form itself, refusing repeated fields.</summary>
public sealed record LogoutTokenForm([property: JsonPropertyName("logout_token")] string LogoutToken);
