using System.Diagnostics.Metrics;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Web.Authentication;

/// <summary>Counts of what the front end decided about presented credentials. Labels never carry a credential.</summary>
public sealed class AuthenticationMetrics
{
    /// <summary>The meter every front-end instrument belongs to.</summary>
    public const string MeterName = "Sessions.Web";

    private static readonly KeyValuePair<string, object?> Valid = new("outcome", "valid");
    private static readonly KeyValuePair<string, object?> Denied = new("outcome", "denied");
    private static readonly KeyValuePair<string, object?> Unavailable = new("outcome", "unavailable");

    private readonly Counter<long> _validations;
    private readonly Counter<long> _rejected;

    public AuthenticationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _validations = meter.CreateCounter<long>(
            "sessions.validations", unit: "{request}", description: "Credentials judged by a user grain, by outcome.");
        _rejected = meter.CreateCounter<long>(
            "sessions.rejected_before_grain", unit: "{request}",
            description: "Credentials rejected by the front end as ambiguous, malformed or forged, without a grain call.");
    }

    public void Validated(ValidationOutcome outcome) => _validations.Add(1, outcome switch
    {
        ValidationOutcome.Valid => Valid,
        ValidationOutcome.Unavailable => Unavailable,
        _ => Denied,
    });

    public void Rejected() => _rejected.Add(1);
}
