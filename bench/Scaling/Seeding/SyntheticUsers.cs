using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Hosting;
using Sessions.Grains.Seeding;
using Sessions.Grains.Users;

namespace Sessions.Bench.Scaling.Seeding;

/// <summary>
/// The state a user would have after registering and signing in on a few devices (and creating API tokens), built by
/// the grid's own <see cref="UserSeed"/>: its issuer, lifetimes and audit trail, tokens minted with the grid's
/// <see cref="TokenCodec"/> (its configured key). The first token of each kind is kept for users whose tokens are kept.
/// </summary>
internal sealed class SyntheticUsers(TokenCodec codec, SessionOptions options, string passwordHash, DateTimeOffset now)
{
    private static readonly SignInRequest Browser = new(
        CredentialKind.Browser, "Firefox on Linux", "203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0");

    private static readonly SignInRequest App = new(
        CredentialKind.App, "Pixel 8", "198.51.100.23", "SessionGridApp/2.4 (Android 15; Pixel 8)");

    private readonly UserSeed _seed = new(codec, options, now);

    public (UserState State, SeededUser User) Create(int index, Guid userId, UserShape shape, bool keepTokens)
    {
        var state = _seed.Register($"scale-{index}", passwordHash);
        string? browserToken = null, accessToken = null, refreshToken = null, apiToken = null;
        int browsers = shape.Browser, apps = shape.App;
        for (var i = 0; i < shape.Sessions; i++)
        {
            if (browsers > 0 && (apps == 0 || i % 2 == 0))
            {
                browsers--;
                var issued = _seed.SignIn(state, userId, Browser);
                browserToken ??= issued.SessionToken;
            }
            else
            {
                apps--;
                var issued = _seed.SignIn(state, userId, App);
                accessToken ??= issued.AccessToken;
                refreshToken ??= issued.RefreshToken;
            }
        }

        for (var i = 0; i < shape.ApiTokens; i++)
        {
            var token = _seed.CreateApiToken(state, userId, $"job-{i}");
            apiToken ??= token;
        }

        var user = keepTokens
            ? new SeededUser(index, userId, browserToken, accessToken, refreshToken, apiToken)
            : new SeededUser(index, userId, null, null, null, null);
        return (state, user);
    }
}
