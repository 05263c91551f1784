namespace Sessions.Grains.Accounts;

/// <summary>Who owns a username. Ids are a storage contract: extend only, never renumber.</summary>
[GenerateSerializer, Alias("sg.UsernameState")]
internal sealed class UsernameState
{
    /// <summary>The name the username grain persists this state under: a storage contract, keyed into every row.</summary>
    public const string StateName = "username";

    /// <summary>The owning user's id; null while the name is free.</summary>
    [Id(0)] public string? UserId { get; set; }

    [Id(1)] public DateTimeOffset ClaimedAt { get; set; }
}
