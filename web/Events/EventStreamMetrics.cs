using System.Diagnostics.Metrics;
using Sessions.Web.Authentication;

namespace Sessions.Web.Events;

/// <summary>What the live sign-out streams of this front end do: how many are open, how many ended in a sign-out and
/// why, how many were refused by which bound.</summary>
public sealed class EventStreamMetrics
{
    private readonly Counter<long> _signedOut;
    private readonly Counter<long> _refused;

    public EventStreamMetrics(IMeterFactory meters, EventStreamHub hub)
    {
        var meter = meters.Create(AuthenticationMetrics.MeterName);
        meter.CreateObservableUpDownCounter(
            "sessions.event_streams", () => hub.OpenStreams, unit: "{stream}", description: "Open GET /auth/events streams on this front end.");
        _signedOut = meter.CreateCounter<long>(
            "sessions.event_streams.signed_out", unit: "{stream}", description: "Streams that said signed-out, by reason (revoked, expired).");
        _refused = meter.CreateCounter<long>(
            "sessions.event_streams.refused", unit: "{request}", description: "Streams refused by a bound (user: 429, front_end: 503).");
    }

    internal void SignedOut(SignOutReason reason) =>
        _signedOut.Add(1, new KeyValuePair<string, object?>("reason", reason == SignOutReason.Expired ? "expired" : "revoked"));

    internal void Refused(StreamAdmission admission) =>
        _refused.Add(1, new KeyValuePair<string, object?>("limit", admission == StreamAdmission.TooManyForUser ? "user" : "front_end"));
}
