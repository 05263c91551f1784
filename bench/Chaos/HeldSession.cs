namespace Sessions.Bench.Chaos;

/// <summary>A session a client believes live: its current bearer and, for an app session, its refresh token.</summary>
internal sealed class HeldSession(string id, string kind, string bearer, string? refreshToken)
{
    public string Id { get; } = id;

    public string Kind { get; } = kind;

    public HeldCredential Bearer { get; set; } = new(id, kind, bearer);

    public string? RefreshToken { get; set; } = refreshToken;
}
