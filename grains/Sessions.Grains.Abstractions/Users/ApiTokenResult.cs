namespace Sessions.Grains.Abstractions.Users;

/// <summary>How creating an API token ended.</summary>
public enum ApiTokenOutcome : byte
{
    /// <summary>Created; the secret is in <see cref="ApiTokenResult.Token"/> and is never shown again.</summary>
    Created = 1,

    /// <summary>The user already holds the maximum number of API tokens; revoke one first.</summary>
    LimitReached = 2,

    /// <summary>The session asking is no longer live (or is not a browser/app session).</summary>
    Denied = 3,

    /// <summary>The name, lifetime or scopes are out of bounds.</summary>
    Rejected = 4,
}

/// <summary>The result of creating an API token.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Id">The new token's id.</param>
/// <param name="Token">The secret, shown once.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="Scopes">What it may do.</param>
[GenerateSerializer, Immutable, Alias("sg.ApiTokenResult")]
public sealed record ApiTokenResult(
    [property: Id(0)] ApiTokenOutcome Outcome,
    [property: Id(1)] string? Id = null,
    [property: Id(2)] string? Token = null,
    [property: Id(3)] DateTimeOffset? ExpiresAt = null,
    [property: Id(4)] ApiTokenScopes Scopes = ApiTokenScopes.None)
{
    /// <summary>Describes the result without the secret.</summary>
    public override string ToString() => $"ApiTokenResult {{ Outcome = {Outcome}, Id = {Id} }}";
}
