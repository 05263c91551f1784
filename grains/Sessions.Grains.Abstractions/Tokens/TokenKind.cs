namespace Sessions.Grains.Abstractions.Tokens;

/// <summary>
/// What a token is for. The kind is visible in the token's prefix (so secret scanners can match it) and is
/// covered by the token's MAC, so one kind can never be presented as another.
/// </summary>
public enum TokenKind : byte
{
    /// <summary>Not a token; the default value.</summary>
    None = 0,

    /// <summary>A browser session, carried in the session cookie. Prefix <c>sgb_</c>.</summary>
    BrowserSession = 1,

    /// <summary>A short-lived access token of an app session, sent as a bearer token. Prefix <c>sga_</c>.</summary>
    AccessToken = 2,

    /// <summary>A rotating refresh token of an app session; only ever accepted by refresh. Prefix <c>sgr_</c>.</summary>
    RefreshToken = 3,

    /// <summary>A long-lived API token for a non-human client, sent as a bearer token. Prefix <c>sgk_</c>.</summary>
    ApiToken = 4,
}
