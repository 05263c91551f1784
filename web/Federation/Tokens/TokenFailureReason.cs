namespace Sessions.Web.Federation.Tokens;

/// <summary>Why a federation token was refused: a machine reason, for logs, metrics and the error code an endpoint
/// answers with (<see cref="TokenFailure"/> carries the human description).</summary>
public enum TokenFailureReason
{
    /// <summary>Not a compact JWS, too long, encrypted, or its JSON is broken or ambiguous (a member twice).</summary>
    Malformed = 1,

    /// <summary>Unsigned (<c>alg: none</c>), symmetric (HS*), or another algorithm not on the asymmetric list; or a
    /// <c>crit</c> header we cannot honour.</summary>
    UnsupportedAlgorithm,

    /// <summary>The key it names is not among the issuer's published keys, even after fetching them again.</summary>
    UnknownKey,

    /// <summary>The signature does not verify with the issuer's key.</summary>
    BadSignature,

    /// <summary>The issuer's keys could not be fetched: nothing can be verified (ours to retry, not the sender's fault).</summary>
    KeysUnavailable,

    /// <summary>No configured provider or transmitter has the token's issuer.</summary>
    UnknownIssuer,

    /// <summary>The issuer is not the one expected.</summary>
    WrongIssuer,

    /// <summary>The audience does not name us.</summary>
    WrongAudience,

    /// <summary>The <c>typ</c> header names another kind of token.</summary>
    WrongType,

    /// <summary>Past its <c>exp</c>, or issued longer ago than allowed.</summary>
    Expired,

    /// <summary>Issued in the future, not yet valid (<c>nbf</c>), or valid for longer than allowed.</summary>
    BadLifetime,

    /// <summary>A claim this kind of token requires is missing.</summary>
    MissingClaim,

    /// <summary>A claim is present but has the wrong type or value, or a claim is present that must not be.</summary>
    InvalidClaim,
}
