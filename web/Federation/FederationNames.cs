namespace Sessions.Web.Federation;

/// <summary>What a provider or transmitter name may be: it is a URL path segment and appears in audit entries, so
/// 1 to 32 characters of lower-case a-z, digits and '-', nothing to escape and nothing that reads like a path.</summary>
public static class FederationNames
{
    /// <summary>The longest name.</summary>
    public const int MaxLength = 32;

    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "a name is 1 to 32 characters: lower-case letters a-z, digits and '-'";

    /// <summary>Whether <paramref name="name"/> keeps the rule.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: >= 1 and <= MaxLength } && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
