namespace Sessions.Web.Federation.SharedSignals;

/// <summary>The error codes of RFC 8935 §2.4 (the <c>err</c> member of a 400 answer); <see cref="SecurityEventErrors.Code"/>
/// spells them.</summary>
public enum SecurityEventError
{
    /// <summary><c>invalid_request</c>: the request body or the SET's structure or claims are wrong.</summary>
    InvalidRequest = 1,

    /// <summary><c>invalid_key</c>: the signature or the key (unsigned, symmetric, unknown key, bad signature).</summary>
    InvalidKey,

    /// <summary><c>invalid_issuer</c>: the SET's issuer is not a configured transmitter.</summary>
    InvalidIssuer,

    /// <summary><c>invalid_audience</c>: the SET's audience is not this receiver.</summary>
    InvalidAudience,

    /// <summary><c>authentication_failed</c>: the transmitter could not be authenticated (the HTTP request's own
    /// authentication, where an endpoint requires one).</summary>
    AuthenticationFailed,

    /// <summary><c>access_denied</c>: the transmitter may not send this SET.</summary>
    AccessDenied,
}
