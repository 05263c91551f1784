namespace Sessions.Bench.Scaling.Seeding;

/// <summary>How many credentials of each kind a seeded user holds.</summary>
internal readonly record struct UserShape(int Browser, int App, int ApiTokens)
{
    public int Credentials => Browser + App + ApiTokens;

    public int Sessions => Browser + App;

    /// <summary>A mix of <paramref name="credentials"/>: half sessions (browser and app alternately, a browser session
    /// first), half API tokens; one credential is one browser session.</summary>
    public static UserShape Mixed(int credentials)
    {
        var sessions = (credentials + 1) / 2;
        return new UserShape(Browser: (sessions + 1) / 2, App: sessions / 2, ApiTokens: credentials - sessions);
    }

    public override string ToString() => $"{Browser} browser + {App} app sessions + {ApiTokens} API tokens";
}
