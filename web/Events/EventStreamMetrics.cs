using System.Diagnostics.Metrics;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Authentication;

namespace Sessions.Web.Events;

/// <summary>What the live sign-out streams of this front end do: how many are open, what their checks with the grain
/// cost and answered, how many ended in a sign-out and why, how many were refused by which bound.</summary>
public sealed class EventStreamMetrics
{
    /// <summary>The counter of checks, by <c>outcome</c> (valid, denied, unavailable).</summary>
    public const string ChecksInstrument = "sessions.event_streams.checks";

    private static readonly KeyValuePair<string, object?> Valid = new("outcome", "valid");
    private static readonly KeyValuePair<string, object?> Denied = new("outcome", "denied");
    private static readonly KeyValuePair<string, object?> Unavailable = new("outcome", "unavailable");

    private readonly UpDownCounter<long> _open;
    private readonly Counter<long> _checks;
    private readonly Counter<long> _signedOut;
    private readonly Counter<long> _refused;

    public EventStreamMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(AuthenticationMetrics.MeterName);
        _open = meter.CreateUpDownCounter<long>("sessions.event_streams", unit: "{stream}", description: "Open GET /auth/events streams on this front end.");
        _checks = meter.CreateCounter<long>(
            ChecksInstrument, unit: "{check}", description: "Stream credentials confirmed with a user grain, by outcome (valid, denied, unavailable).");
        _signedOut = meter.CreateCounter<long>(
            "sessions.event_streams.signed_out", unit: "{stream}", description: "Streams that said signed-out, by reason (revoked, expired).");
        _refused = meter.CreateCounter<long>(
            "sessions.event_streams.refused", unit: "{request}", description: "Streams refused by a bound (user: 429, front_end: 503).");
    }

    internal void Opened() => _open.Add(1);

    internal void Closed() => _open.Add(-1);

    internal void Checked(ValidationOutcome outcome) => _checks.Add(1, outcome switch
    {
        ValidationOutcome.Valid => Valid,
        ValidationOutcome.Unavailable => Unavailable,
        _ => Denied,
    });

    internal void SignedOut(SignOutReason reason) =>
        _signedOut.Add(1, new KeyValuePair<string, object?>("reason", reason == SignOutReason.Expired ? "expired" : "revoked"));

    internal void Refused(StreamAdmission admission) =>
        _refused.Add(1, new KeyValuePair<string, object?>("limit", admission == StreamAdmission.TooManyForUser ? "user" : "front_end"));
}
