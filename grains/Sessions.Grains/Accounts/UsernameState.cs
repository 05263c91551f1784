namespace Sessions.Grains.Accounts;

/// <summary>Who owns a username. Ids are a storage contract: extend only, never renumber.</summary>
[GenerateSerializer, Alias("sg.UsernameState")]
public sealed class UsernameState
{
    /// <summary>The owning user's id; null while the name is free.</summary>
    [Id(0)] public string? UserId { get; set; }

    [Id(1)] public DateTimeOffset ClaimedAt { get; set; }
}
