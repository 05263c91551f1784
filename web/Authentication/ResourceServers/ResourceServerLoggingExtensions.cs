namespace Sessions.Web.Authentication.ResourceServers;

/// <summary>The resource server scheme's log lines. None carries the presented id or secret.</summary>
internal static partial class ResourceServerLoggingExtensions
{
    [LoggerMessage(3301, LogLevel.Warning, "Presented resource-server client credentials are not valid", EventName = "ClientCredentialsRefused")]
    public static partial void ClientCredentialsRefused(this ILogger logger);
}
