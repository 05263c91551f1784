namespace Sessions.Bench.Chaos;

/// <summary>A bearer a client holds: a browser session's cookie value or an app session's access token.</summary>
internal sealed record HeldCredential(string SessionId, string Kind, string Token)
{
    public bool IsCookie => Kind == SessionKinds.Browser;

    public string Id { get; } = CredentialIds.Of(Token);
}
