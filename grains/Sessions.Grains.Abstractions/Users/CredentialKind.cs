namespace Sessions.Grains.Abstractions.Users;

/// <summary>The three kinds of credential a user holds; each has its own lifetimes.</summary>
public enum CredentialKind : byte
{
    /// <summary>Not a credential; the default value.</summary>
    None = 0,

    /// <summary>A browser session (session cookie). Default 30 min idle, 12 h absolute.</summary>
    Browser = 1,

    /// <summary>An app session: an access token (15 min) renewed by a rotating refresh token (14 d idle, 30 d absolute).</summary>
    App = 2,

    /// <summary>An API token for a non-human client: named, with a mandatory expiry (default 90 d).</summary>
    ApiToken = 3,
}
