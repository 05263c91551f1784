using Sessions.Grains.Abstractions.Tokens;

namespace Sessions.Web.Authentication;

/// <summary>
/// The <c>token_type</c> of an introspection answer (RFC 7662 §2.2), spelled like RFC 7009's token type hints
/// (<c>access_token</c>, <c>refresh_token</c>). A second vocabulary on purpose, beside <see cref="CredentialNames"/>:
/// that one names the kind of credential a user holds (<c>browser</c>, <c>app</c>, <c>api-token</c>, as sessions are
/// listed); this one names the kind of token string presented — one app credential has two tokens, an access token
/// and a refresh token — in the OAuth style resource servers already speak. Resource servers match on these strings.
/// </summary>
public static class TokenTypeNames
{
    public const string SessionToken = "session_token";
    public const string AccessToken = "access_token";
    public const string RefreshToken = "refresh_token";
    public const string ApiToken = "api_token";

    public static string Of(TokenKind kind) => kind switch
    {
        TokenKind.BrowserSession => SessionToken,
        TokenKind.AccessToken => AccessToken,
        TokenKind.RefreshToken => RefreshToken,
        TokenKind.ApiToken => ApiToken,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
