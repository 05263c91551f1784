namespace Sessions.Bench.Chaos;

/// <summary>The two kinds of session a user signs in (POST /auth/login's <c>client</c>).</summary>
internal static class SessionKinds
{
    public const string Browser = "browser";

    public const string App = "app";
}
