using Sessions.Grains.Abstractions.Signals;

namespace Sessions.Grains.Signals;

/// <summary>Which event type each <see cref="SignalKind"/> is sent as, and the short names receivers subscribe by.</summary>
internal static class SignalEvents
{
    /// <summary>The event types the grid sends, by short name.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByName = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["session-revoked"] = SecurityEventTypes.SessionRevoked,
        ["credential-change"] = SecurityEventTypes.CredentialChange,
        ["account-disabled"] = SecurityEventTypes.AccountDisabled,
        ["account-enabled"] = SecurityEventTypes.AccountEnabled,
        ["account-purged"] = SecurityEventTypes.AccountPurged,
    };

    /// <summary>The event type URI of <paramref name="kind"/>.</summary>
    public static string TypeOf(SignalKind kind) => kind switch
    {
        SignalKind.SessionRevoked or SignalKind.SignedOutEverywhere => SecurityEventTypes.SessionRevoked,
        SignalKind.PasswordChanged or SignalKind.ApiTokenRevoked => SecurityEventTypes.CredentialChange,
        SignalKind.AccountDisabled => SecurityEventTypes.AccountDisabled,
        SignalKind.AccountEnabled => SecurityEventTypes.AccountEnabled,
        SignalKind.AccountPurged => SecurityEventTypes.AccountPurged,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a signal."),
    };

    /// <summary>The event type URI named by <paramref name="name"/> (a short name or a URI the grid sends), or null.</summary>
    public static string? Resolve(string name) =>
        ByName.TryGetValue(name, out var type) ? type : ByName.Values.Contains(name, StringComparer.Ordinal) ? name : null;
}
