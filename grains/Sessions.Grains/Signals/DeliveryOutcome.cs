namespace Sessions.Grains.Signals;

/// <summary>How one push ended (RFC 8935 §2.2–2.3).</summary>
internal enum DeliveryOutcome
{
    /// <summary>Accepted (2xx; RFC 8935 prescribes 202): done.</summary>
    Delivered,

    /// <summary>Refused for good (400, with or without an RFC 8935 error): logged, counted, never retried.</summary>
    Rejected,

    /// <summary>Failed for now (5xx, 429, other 4xx, a redirect, a timeout, a refused connection): retried with backoff.</summary>
    Retry,
}

/// <summary>A push's outcome and, unless delivered, a short reason safe to log and show (never a token, a header,
/// or more of the receiver's answer than its RFC 8935 error code).</summary>
internal readonly record struct DeliveryResult(DeliveryOutcome Outcome, string? Reason);
