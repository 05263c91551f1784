namespace Sessions.Web.Federation.SignIn;

/// <summary>The federated sign-in's and back-channel logout's log lines: providers by configuration name, outcomes by
/// reason, never a token, a claim value, a code or a secret (docs/invariants.md, invariant 5).</summary>
internal static partial class SignInLog
{
    [LoggerMessage(3420, LogLevel.Information, "A person signed in through provider {Provider}", EventName = "FederatedSignIn")]
    public static partial void SignedIn(ILogger logger, string provider);

    [LoggerMessage(3421, LogLevel.Warning, "A sign-in through provider {Provider} was refused: {Reason}; nothing was issued", EventName = "FederatedSignInRefused")]
    public static partial void Refused(ILogger logger, string provider, string reason);

    [LoggerMessage(3422, LogLevel.Information, "A sign-in through provider {Provider} did not finish at the provider ({Failure}); nothing was issued", EventName = "FederatedSignInFailed")]
    public static partial void ProviderFailed(ILogger logger, string provider, string failure);

    [LoggerMessage(3423, LogLevel.Information, "Provider {Provider} ended a session: {Sessions} grid session(s) ended, {Users} user(s) signed out everywhere", EventName = "BackChannelLogout")]
    public static partial void LoggedOut(ILogger logger, string provider, int sessions, int users);

    [LoggerMessage(3424, LogLevel.Warning, "A back-channel logout from provider {Provider} could not be made durable ({ExceptionType}); answered 503, nothing acknowledged", EventName = "BackChannelLogoutUnavailable")]
    public static partial void LogoutUnavailable(ILogger logger, string provider, string exceptionType);

    [LoggerMessage(3425, LogLevel.Information, "A back-channel logout from provider {Provider} was refused: {Reason}", EventName = "BackChannelLogoutRefused")]
    public static partial void LogoutRefused(ILogger logger, string provider, string reason);

    [LoggerMessage(3426, LogLevel.Error, "A user grain refused provider {Provider} as the actor of its back-channel logout; answered 503, nothing acknowledged", EventName = "BackChannelLogoutDenied")]
    public static partial void LogoutDenied(ILogger logger, string provider);
}
