using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Tests.Infrastructure;

/// <summary>A freshly registered user and shortcuts to act as them.</summary>
public sealed class TestUser
{
    /// <summary>The password of every user a test registers, through the grains or the HTTP API (<see cref="Api"/>).</summary>
    public const string Password = "correct horse battery staple";

    /// <summary>The actor of grain calls a test makes as the grid's operator would (no credential of the user's own).</summary>
    public static readonly Actor Operator = Actor.Operator("tests");

    private TestUser(IGrainFactory grains, string username, string userId)
    {
        Grains = grains;
        Username = username;
        UserId = userId;
    }

    public IGrainFactory Grains { get; }

    public string Username { get; }

    public string UserId { get; }

    public IUserGrain Grain => Grains.GetGrain<IUserGrain>(UserId);

    public IUsernameGrain Name => Grains.GetGrain<IUsernameGrain>(Username);

    public static async Task<TestUser> RegisterAsync(IGrainFactory grains)
    {
        var username = $"u{Guid.NewGuid():N}";
        var result = await grains.GetGrain<IUsernameGrain>(username).RegisterAsync(Password);
        Assert.Equal(RegistrationOutcome.Registered, result.Outcome);
        return new TestUser(grains, username, result.UserId!);
    }

    public Task<SignInResult> SignInAsync(CredentialKind kind, string password = Password, string? device = null) =>
        Name.SignInAsync(password, new SignInRequest(kind, device, "127.0.0.1", "tests"));

    public async Task<IssuedSession> SignInBrowserAsync(string? device = null) => Signed(await SignInAsync(CredentialKind.Browser, device: device));

    public async Task<IssuedSession> SignInAppAsync(string? device = null) => Signed(await SignInAsync(CredentialKind.App, device: device));

    public async Task<ApiTokenResult> CreateApiTokenAsync(
        string actorSessionId, string name = "job", TimeSpan? lifetime = null, ApiTokenScopes scopes = ApiTokenRules.DefaultScopes)
    {
        var result = await Grain.CreateApiTokenAsync(actorSessionId, name, lifetime, scopes);
        Assert.Equal(ApiTokenOutcome.Created, result.Outcome);
        return result;
    }

    public async Task<bool> IsValidAsync(string token) => (await Grain.ValidateAsync(token)).IsValid;

    private static IssuedSession Signed(SignInResult result)
    {
        Assert.Equal(SignInOutcome.SignedIn, result.Outcome);
        return result.Session!;
    }
}
