namespace Sessions.Web.Authentication.OperatorKeys;

/// <summary>The operator key scheme's log lines. None carries the presented key.</summary>
internal static partial class OperatorKeyLoggingExtensions
{
    [LoggerMessage(3201, LogLevel.Warning, "A presented operator key matches no configured key", EventName = "OperatorKeyRefused")]
    public static partial void OperatorKeyRefused(this ILogger logger);
}
