namespace Sessions.Grains.Federation;

/// <summary>The users holding sessions from one provider session. Ids are a storage contract: extend only, never renumber.</summary>
[GenerateSerializer, Alias("sg.ProviderSessionState")]
internal sealed class ProviderSessionState
{
    /// <summary>The name the provider session grain persists this state under: a storage contract, keyed into every row.</summary>
    public const string StateName = "provider-session";

    /// <summary>User id → when its latest session from this provider session was signed in.</summary>
    [Id(0)] public Dictionary<string, DateTimeOffset> Users { get; set; } = new(StringComparer.Ordinal);
}
