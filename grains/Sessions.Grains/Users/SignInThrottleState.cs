namespace Sessions.Grains.Users;

/// <summary>Consecutive sign-in failures of one account. Ids are a storage contract: extend only, never renumber.</summary>
[GenerateSerializer, Alias("sg.SignInThrottleState")]
internal sealed class SignInThrottleState
{
    [Id(0)] public int ConsecutiveFailures { get; set; }

    /// <summary>No password is checked before this instant.</summary>
    [Id(1)] public DateTimeOffset? LockedUntil { get; set; }
}
