namespace Sessions.Web.Federation.GlobalRevocation;

/// <summary>The global token revocation endpoint's log lines: callers by actor (a provider's or an operator key's
/// name), never an assertion, a subject's value or a secret.</summary>
internal static partial class GlobalRevocationLog
{
    [LoggerMessage(3421, LogLevel.Information, "Global token revocation by {Caller}: user {UserId} signed out everywhere ({Sessions} sessions, {Tokens} API tokens)", EventName = "GlobalTokenRevocation")]
    public static partial void Revoked(ILogger logger, string caller, Guid userId, int sessions, int tokens);

    [LoggerMessage(3422, LogLevel.Information, "Global token revocation by {Caller} refused: {Reason}; nothing revoked", EventName = "GlobalTokenRevocationRefused")]
    public static partial void Refused(ILogger logger, string caller, string reason);

    [LoggerMessage(3423, LogLevel.Warning, "Global token revocation by {Caller} refused: its assertion was used before", EventName = "GlobalTokenRevocationReplayed")]
    public static partial void Replayed(ILogger logger, string caller);
}
