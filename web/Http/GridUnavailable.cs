namespace Sessions.Web.Http;

/// <summary>
/// The status line of every "the grid could not decide" answer: 503 with <c>Retry-After: 1</c>. Nothing was allowed
/// and nothing changed, so a client may retry at once; a revocation answered this way may not have happened
/// (RFC 7009 §2.2.1; docs/threat-model.md, H8). Each family of endpoints then writes the body its contract promises —
/// problem details for the API, an RFC 6749 error for <c>/oauth</c>, none for <c>/auth/check</c> — but the status
/// and the header are decided here only.
/// </summary>
public static class GridUnavailable
{
    /// <summary>How long a client should wait before retrying, in seconds: the grid recovers from a failed write
    /// on the next call, and a front end reaches a starting silo within a second or two.</summary>
    private const string RetryAfterSeconds = "1";

    /// <summary>Sets the 503 status and the Retry-After header; the caller writes its contract's body, if any.</summary>
    public static void Mark(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds;
    }
}
