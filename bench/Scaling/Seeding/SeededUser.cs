namespace Sessions.Bench.Scaling.Seeding;

/// <summary>A seeded user and the tokens kept for it (the first credential of each kind it holds; null when it holds
/// none, or when its tokens were not kept).</summary>
internal sealed record SeededUser(
    int Index, Guid Id, string? BrowserToken, string? AccessToken, string? RefreshToken, string? ApiToken)
{
    /// <summary>A token that authenticates a request: the access token, else the browser one, else the API token.</summary>
    public string? AnyToken => AccessToken ?? BrowserToken ?? ApiToken;
}
