namespace Sessions.Web.Hosting;

/// <summary>
/// ASP.NET Core instruments recorded once or more for every validated request that the front end does not export:
/// each measurement is a lookup of its tag set in OpenTelemetry's aggregator, and these add nothing to what is
/// exported already. <c>http.server.request.duration</c> (by route and status) has every request's latency and
/// outcome, and <c>sessions.validations</c> / <c>sessions.rejected_before_grain</c> count every credential the grid
/// judged. Dropped here: the authentication handler's duration histogram and the authorization and route-matching
/// counters (bench/results/2026-12-02-*-profile.md: the "OpenTelemetry, metrics" stage). Instruments of rare
/// events (challenges, forbids, sign-ins) stay.
/// </summary>
public static class PerRequestInstruments
{
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal)
    {
        "aspnetcore.authentication.authenticate.duration",
        "aspnetcore.authorization.attempts",
        "aspnetcore.routing.match_attempts",
    };

    /// <summary>Whether the instrument with this name is one of the dropped per-request instruments.</summary>
    public static bool IsDropped(string instrumentName) => Dropped.Contains(instrumentName);
}
