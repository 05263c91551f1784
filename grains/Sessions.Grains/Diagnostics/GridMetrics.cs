using System.Diagnostics.Metrics;

namespace Sessions.Grains.Diagnostics;

/// <summary>
/// The grid's own instruments on the silo side (meter <c>Sessions.Grains</c>). Labels are low-cardinality words;
/// never a user id, a session id or any part of a credential.
/// </summary>
public sealed class GridMetrics
{
    /// <summary>The meter name to subscribe to (OpenTelemetry, dotnet-counters).</summary>
    public const string MeterName = "Sessions.Grains";

    private static readonly string[] PerMessageOrleansInstruments =
    [
        "orleans-messaging-sent", "orleans-messaging-received", "orleans-messaging-processing", "orleans-directory-lookups",
    ];

    private readonly UpDownCounter<long> _activeSessions;
    private readonly Counter<long> _signIns;
    private readonly Counter<long> _revocations;
    private readonly Histogram<double> _signOutEverywhere;

    public GridMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _activeSessions = meter.CreateUpDownCounter<long>(
            "sessions.active", unit: "{session}", description: "Browser and app sessions held by active user grains.");
        _signIns = meter.CreateCounter<long>("sessions.sign_ins", unit: "{attempt}", description: "Sign-in attempts (password, or through an identity provider), by outcome.");
        _revocations = meter.CreateCounter<long>(
            "sessions.revocations", unit: "{credential}", description: "Credentials revoked, by cause.");
        _signOutEverywhere = meter.CreateHistogram<double>(
            "sessions.sign_out_everywhere.duration", unit: "ms",
            description: "Sign-out-everywhere inside the user grain, including the durable write.");
    }

    /// <summary>
    /// Orleans instruments recorded for every message (about ten per validated request: messages sent and received,
    /// dispatcher counts, directory cache lookups). Exporters skip them by default — subscribing to them cost a few
    /// percent of the CPU of every request — and keep the ones operators watch (request latency, activations,
    /// storage, gateways, membership).
    /// </summary>
    public static bool IsPerMessageOrleansInstrument(string name) =>
        PerMessageOrleansInstruments.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));

    public void SessionsHeld(long delta)
    {
        if (delta != 0)
        {
            _activeSessions.Add(delta);
        }
    }

    public void SignIn(string outcome) => _signIns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Revoked(string cause, long count = 1)
    {
        if (count > 0)
        {
            _revocations.Add(count, new KeyValuePair<string, object?>("cause", cause));
        }
    }

    public void SignedOutEverywhere(TimeSpan elapsed) => _signOutEverywhere.Record(elapsed.TotalMilliseconds);
}
