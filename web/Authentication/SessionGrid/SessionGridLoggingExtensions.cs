namespace Sessions.Web.Authentication.SessionGrid;

/// <summary>The session grid scheme's log lines. None carries a credential (docs/invariants.md, invariant 5).</summary>
internal static partial class SessionGridLoggingExtensions
{
    [LoggerMessage(3001, LogLevel.Warning, "Validation could not reach the user grain ({ExceptionType}); failing closed with 503",
        EventName = "GridCouldNotValidate")]
    public static partial void GridCouldNotValidate(this ILogger logger, string exceptionType);
}
