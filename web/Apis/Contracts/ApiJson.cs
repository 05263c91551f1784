using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace Sessions.Web.Apis.Contracts;

/// <summary>Source-generated JSON for every API body: no reflection on the hot path, and strict reading
/// (unknown fields are an error, not silently dropped).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(RefreshRequest))]
[JsonSerializable(typeof(LogoutEverywhereRequest))]
[JsonSerializable(typeof(CreateApiTokenRequest))]
[JsonSerializable(typeof(ChangePasswordRequest))]
[JsonSerializable(typeof(RegisteredResponse))]
[JsonSerializable(typeof(BrowserSignInResponse))]
[JsonSerializable(typeof(AppSignInResponse))]
[JsonSerializable(typeof(MeResponse))]
[JsonSerializable(typeof(SessionResponse[]))]
[JsonSerializable(typeof(LogoutEverywhereResponse))]
[JsonSerializable(typeof(CreatedApiTokenResponse))]
[JsonSerializable(typeof(ApiTokenResponse[]))]
[JsonSerializable(typeof(AdminUserSessionsResponse))]
[JsonSerializable(typeof(IntrospectionResponse))]
[JsonSerializable(typeof(OAuthError))]
[JsonSerializable(typeof(FederationProviderResponse[]))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
public sealed partial class ApiJson : JsonSerializerContext;
