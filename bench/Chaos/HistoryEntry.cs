namespace Sessions.Bench.Chaos;

/// <summary>
/// One operation a client did, as one JSON line of its history: what it was, when it was invoked and when its answer
/// came (<see cref="MonotonicClock"/> ticks), and what came back. Credentials appear only as <see cref="CredentialIds"/>
/// (a digest prefix), never as tokens.
/// </summary>
internal sealed record HistoryEntry
{
    /// <summary><c>register</c>, <c>signin</c>, <c>validate</c>, <c>refresh</c>, <c>revoke</c>, <c>soe</c>
    /// (sign-out-everywhere) or <c>password</c>.</summary>
    public required string Op { get; init; }

    public required string User { get; init; }

    public int Process { get; init; }

    public long Invoked { get; init; }

    public long Completed { get; init; }

    /// <summary><see cref="Outcomes"/>: what the answer means.</summary>
    public required string Outcome { get; init; }

    /// <summary>The HTTP status, 0 when none came (a timeout, a refused connection).</summary>
    public int Status { get; init; }

    /// <summary>The session the operation is about: the one validated or refreshed, the one a sign-in opened, the one
    /// a revoke-one targets.</summary>
    public string? Session { get; init; }

    /// <summary>The bearer presented (validate) or issued (sign-in): a browser-session or access token.</summary>
    public string? Credential { get; init; }

    /// <summary><c>browser</c> or <c>app</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>Which front end answered (validate): 0 or 1.</summary>
    public int? FrontEnd { get; init; }

    /// <summary>The refresh token presented (refresh) or issued (app sign-in).</summary>
    public string? Refresh { get; init; }

    /// <summary>A successful refresh's new refresh token.</summary>
    public string? NewRefresh { get; init; }

    /// <summary>A successful refresh's new access token.</summary>
    public string? NewAccess { get; init; }

    /// <summary>The session whose credential authenticated a revoke, sign-out-everywhere or password change.</summary>
    public string? Actor { get; init; }

    /// <summary>How a revoke-one was sent (<c>delete</c>: DELETE /auth/sessions/{id}, <c>oauth</c>: POST /oauth/revoke)
    /// or that a refresh was a deliberate <c>replay</c> of a refresh token just rotated.</summary>
    public string? Via { get; init; }

    /// <summary>The exception type when no answer came.</summary>
    public string? Error { get; init; }
}
