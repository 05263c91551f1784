using Sessions.Grains.Abstractions.Users;

namespace Sessions.Web.Authentication;

/// <summary>The wire names of credential kinds in the HTTP API (sessions, <c>/auth/me</c>, forward-auth headers,
/// introspection's <c>credential</c>). Introspection's <c>token_type</c> is another vocabulary on purpose: see
/// <see cref="TokenTypeNames"/>.</summary>
public static class CredentialNames
{
    public const string Browser = "browser";
    public const string App = "app";
    public const string ApiToken = "api-token";

    public static string Of(CredentialKind kind) => kind switch
    {
        CredentialKind.Browser => Browser,
        CredentialKind.App => App,
        CredentialKind.ApiToken => ApiToken,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static CredentialKind Parse(string? name) => name switch
    {
        Browser => CredentialKind.Browser,
        App => CredentialKind.App,
        ApiToken => CredentialKind.ApiToken,
        _ => CredentialKind.None,
    };
}
