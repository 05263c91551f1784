namespace Sessions.Grains.Abstractions.Users;

/// <summary>A live API token as its owner sees it in a list; never carries the secret.</summary>
/// <param name="Id">The token id.</param>
/// <param name="Name">The name its owner gave it.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="LastUsedAt">When it was last presented successfully, if ever.</param>
/// <param name="Scopes">What it may do (a token stored before scopes existed: every scope).</param>
[GenerateSerializer, Immutable, Alias("sg.ApiTokenInfo")]
public sealed record ApiTokenInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] DateTimeOffset? LastUsedAt,
    [property: Id(5)] ApiTokenScopes Scopes);
