namespace Sessions.Grains.Abstractions.Users;

/// <summary>
/// The wire names of <see cref="ApiTokenScopes"/>: in <c>POST /auth/tokens</c> and the token list (arrays), and
/// space-separated in <c>X-Auth-Scope</c>, introspection's <c>scope</c> (RFC 7662 §2.2) and the principal's
/// <c>scope</c> claim (RFC 8693 §4.2). Names are case-sensitive, as OAuth scope tokens are (RFC 6749 §3.3).
/// </summary>
public static class ApiTokenScopeNames
{
    /// <summary>The name of <see cref="ApiTokenScopes.Authenticate"/>.</summary>
    public const string Authenticate = "authenticate";

    /// <summary>The name of <see cref="ApiTokenScopes.Sessions"/>.</summary>
    public const string Sessions = "sessions";

    private const string AuthenticateAndSessions = Authenticate + " " + Sessions;

    /// <summary>The one table of scopes and their names, in the order they are written.</summary>
    private static readonly (ApiTokenScopes Scope, string Name)[] Table =
    [
        (ApiTokenScopes.Authenticate, Authenticate),
        (ApiTokenScopes.Sessions, Sessions),
    ];

    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule =
        $"scopes is a list of distinct names among \"{Authenticate}\" and \"{Sessions}\"; \"{Authenticate}\" is always included.";

    /// <summary>Reads a requested list of names: none asks for <see cref="ApiTokenRules.DefaultScopes"/>, and
    /// <see cref="ApiTokenScopes.Authenticate"/> is always included.</summary>
    /// <returns>False when a name is unknown (or null) or appears twice.</returns>
    public static bool TryParse(IEnumerable<string?>? names, out ApiTokenScopes scopes)
    {
        var named = ApiTokenScopes.None;
        foreach (var name in names ?? [])
        {
            var scope = Named(name);
            if (scope == ApiTokenScopes.None || (named & scope) != 0)
            {
                scopes = ApiTokenScopes.None;
                return false;
            }

            named |= scope;
        }

        scopes = named == ApiTokenScopes.None ? ApiTokenRules.DefaultScopes : named | ApiTokenScopes.Authenticate;
        return true;
    }

    /// <summary>The names of <paramref name="scopes"/>, in table order.</summary>
    public static string[] Of(ApiTokenScopes scopes) =>
        [.. Table.Where(entry => (scopes & entry.Scope) == entry.Scope).Select(entry => entry.Name)];

    /// <summary>The names of <paramref name="scopes"/>, space-separated (the OAuth <c>scope</c> form). The usual sets
    /// are constants, so a validated request allocates nothing for them.</summary>
    public static string Format(ApiTokenScopes scopes) => scopes switch
    {
        ApiTokenScopes.Authenticate => Authenticate,
        ApiTokenScopes.Authenticate | ApiTokenScopes.Sessions => AuthenticateAndSessions,
        _ => string.Join(' ', Of(scopes)),
    };

    /// <summary>Reads the space-separated form back; unknown names are ignored (they grant nothing).</summary>
    public static ApiTokenScopes Parse(string? spaceSeparated)
    {
        var scopes = ApiTokenScopes.None;
        foreach (var name in (spaceSeparated ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            scopes |= Named(name);
        }

        return scopes;
    }

    private static ApiTokenScopes Named(string? name) => Table.FirstOrDefault(entry => entry.Name == name).Scope;
}
