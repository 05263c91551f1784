using Sessions.Web.Federation.Tokens;

namespace Sessions.Web.Federation.SharedSignals;

/// <summary>RFC 8935 §2.4's error codes, and which one a refused token is.</summary>
public static class SecurityEventErrors
{
    /// <summary>The code as RFC 8935 spells it.</summary>
    public static string Code(SecurityEventError error) => error switch
    {
        SecurityEventError.InvalidRequest => "invalid_request",
        SecurityEventError.InvalidKey => "invalid_key",
        SecurityEventError.InvalidIssuer => "invalid_issuer",
        SecurityEventError.InvalidAudience => "invalid_audience",
        SecurityEventError.AuthenticationFailed => "authentication_failed",
        SecurityEventError.AccessDenied => "access_denied",
        _ => throw new ArgumentOutOfRangeException(nameof(error)),
    };

    /// <summary>The error for a refused SET: key and signature problems are <c>invalid_key</c>, the issuer and audience
    /// have their own codes, everything else is <c>invalid_request</c>.</summary>
    public static SecurityEventError For(TokenFailureReason reason) => reason switch
    {
        TokenFailureReason.UnsupportedAlgorithm or TokenFailureReason.UnknownKey or TokenFailureReason.BadSignature
            or TokenFailureReason.KeysUnavailable => SecurityEventError.InvalidKey,
        TokenFailureReason.UnknownIssuer or TokenFailureReason.WrongIssuer => SecurityEventError.InvalidIssuer,
        TokenFailureReason.WrongAudience => SecurityEventError.InvalidAudience,
        _ => SecurityEventError.InvalidRequest,
    };
}
