namespace Sessions.Web.Apis.Contracts;

/// <summary>What an operator sees of one user: who, their live sessions and API tokens, and recent security events.</summary>
public sealed record AdminUserSessionsResponse(
    string UserId,
    string Username,
    DateTimeOffset? NotBefore,
    SessionResponse[] Sessions,
    ApiTokenResponse[] ApiTokens,
    AdminAuditEntry[] AuditTrail);

public sealed record AdminAuditEntry(DateTimeOffset At, string Kind, string? SessionId, string? Detail);
