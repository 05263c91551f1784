namespace Sessions.Web.Apis.Contracts;

// Request bodies. Every property is nullable so a missing field becomes a clear 400 from the handler rather than
// a binding failure; unknown fields are refused by the JSON options (see ApiJson).

public sealed record RegisterRequest(string? Username, string? Password);

public sealed record LoginRequest(string? Username, string? Password, string? Client, string? Device);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record LogoutEverywhereRequest(bool? KeepCurrent);

// Scopes: wire names (ApiTokenScopeNames); none means ["authenticate"], which is always included.
public sealed record CreateApiTokenRequest(string? Name, int? ExpiresInDays, string?[]? Scopes);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
