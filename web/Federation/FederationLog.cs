using Sessions.Web.Federation.Tokens;

namespace Sessions.Web.Federation;

/// <summary>The federation pieces' log lines. None carries a token, a claim value or a secret (docs/invariants.md,
/// invariant 5): issuers are named by their configuration name, failures by reason.</summary>
internal static partial class FederationLog
{
    [LoggerMessage(3401, LogLevel.Warning, "The signing keys of {Issuer} could not be fetched ({Error}); its tokens are refused until they can be", EventName = "FederationKeysUnavailable")]
    public static partial void KeysUnavailable(ILogger logger, string issuer, string error);

    [LoggerMessage(3402, LogLevel.Information, "A token names a key {Issuer} has not published to us; fetching its keys again", EventName = "FederationKeysRefetch")]
    public static partial void Refetching(ILogger logger, string issuer);

    [LoggerMessage(3403, LogLevel.Warning, "A token names a key {Issuer} has not published to us; the keys were fetched less than the re-fetch interval ago, so not again", EventName = "FederationKeysRefetchDeferred")]
    public static partial void RefetchDeferred(ILogger logger, string issuer);

    [LoggerMessage(3404, LogLevel.Information, "A {Kind} for {Issuer} was refused: {Reason}", EventName = "FederationTokenRefused")]
    public static partial void TokenRefused(ILogger logger, string kind, string issuer, TokenFailureReason reason);
}
