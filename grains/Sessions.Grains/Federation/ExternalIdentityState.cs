namespace Sessions.Grains.Federation;

/// <summary>Which grid user one external identity is. Ids are a storage contract: extend only, never renumber.</summary>
[GenerateSerializer, Alias("sg.ExternalIdentityState")]
internal sealed class ExternalIdentityState
{
    /// <summary>The name the external identity grain persists this state under: a storage contract, keyed into every row.</summary>
    public const string StateName = "external-identity";

    /// <summary>The linked user's id; null until the first sign-in has created and linked it.</summary>
    [Id(0)] public string? UserId { get; set; }

    /// <summary>The id chosen for the new user by a first sign-in that has not finished linking: durable before the
    /// username is claimed or the account made, so the next sign-in finishes with the same user, never a second one.</summary>
    [Id(1)] public string? PendingUserId { get; set; }

    [Id(2)] public DateTimeOffset LinkedAt { get; set; }
}
