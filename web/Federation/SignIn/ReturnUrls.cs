using System.Diagnostics.CodeAnalysis;

namespace Sessions.Web.Federation.SignIn;

/// <summary>
/// Where a federated sign-in may send the browser afterwards: a path on this site only, so the login link cannot be
/// made into an open redirect (docs/threat-model.md, B35). A local path starts with one <c>/</c>; <c>//host</c> and
/// <c>/\host</c> are other hosts to a browser (which reads <c>\</c> as <c>/</c>), a scheme is another site, and
/// control characters or spaces are refused rather than guessed at.
/// </summary>
public static class ReturnUrls
{
    /// <summary>The longest return URL accepted.</summary>
    public const int MaxLength = 512;

    /// <summary>Where the browser goes when no return URL is given: the page.</summary>
    public const string Default = "/";

    /// <summary>The rule in words, for the 400 answer.</summary>
    public const string Rule = "returnUrl must be a path on this site: it starts with a single '/', holds no '\\', spaces or control characters, and is at most 512 characters.";

    /// <summary>Whether <paramref name="returnUrl"/> is a local path (null or empty means <see cref="Default"/>).</summary>
    public static bool TryAccept(string? returnUrl, [NotNullWhen(true)] out string? accepted)
    {
        accepted = null;
        if (string.IsNullOrEmpty(returnUrl))
        {
            accepted = Default;
            return true;
        }

        if (returnUrl.Length > MaxLength || returnUrl[0] != '/' || (returnUrl.Length > 1 && returnUrl[1] is '/' or '\\'))
        {
            return false;
        }

        foreach (var c in returnUrl)
        {
            if (c is '\\' || char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        accepted = returnUrl;
        return true;
    }
}
