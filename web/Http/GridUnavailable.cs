namespace Sessions.Web.Http;

/// <summary>
/// The status line of every "the grid could not decide" answer: 503 with <c>Retry-After</c>. Nothing was allowed
/// and nothing changed, so a client may retry; a revocation answered this way may not have happened (RFC 7009
/// §2.2.1; docs/threat-model.md, H8). Each family of endpoints then writes the body its contract promises — problem
/// details for the API, an RFC 6749 error for <c>/oauth</c>, none for <c>/auth/check</c> — but the status and the
/// header are decided here only: for a grid that could not decide, and for one busy checking passwords (every hashing
/// slot and its queue taken, docs/threat-model.md, H6), which says how long its queue takes to drain.
/// </summary>
public static class GridUnavailable
{
    /// <summary>How long a client should wait before retrying when the grid could not decide, in seconds: the grid
    /// recovers from a failed write on the next call, and a front end reaches a starting silo within a second or two.</summary>
    private const string RetryAfterSeconds = "1";

    /// <summary>Sets the 503 status and the Retry-After header — <paramref name="retryAfter"/> in whole seconds (at
    /// least 1), or 1 s when not given; the caller writes its contract's body, if any.</summary>
    public static void Mark(HttpResponse response, TimeSpan? retryAfter = null)
    {
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = retryAfter is { } wait ? Seconds(wait) : RetryAfterSeconds;
    }

    /// <summary>A Retry-After value: whole seconds, rounded up, at least 1 (RFC 9110 §10.2.3).</summary>
    internal static string Seconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
