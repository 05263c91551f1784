using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Tests.Federation.Grains;

/// <summary>A person as a test identity provider knows them (a fresh subject per instance), and shortcuts to sign them
/// in through the grains as the front end does once the provider has vouched for them.</summary>
public sealed class FederatedPerson
{
    /// <summary>The issuer of the test provider and its configured name.</summary>
    public const string Issuer = "https://idp.example.test";

    public const string Provider = "corp";

    /// <summary>A person with a fresh subject and, unless the test sets another, a <c>preferred_username</c> nobody holds.</summary>
    public FederatedPerson(IGrainFactory grains, string provider = Provider, string issuer = Issuer)
    {
        Grains = grains;
        ProviderName = provider;
        Identity = new ExternalIdentity(issuer, $"sub-{Guid.NewGuid():N}");
        PreferredUsername = $"p{Guid.NewGuid():N}"[..24];
    }

    public IGrainFactory Grains { get; }

    public string ProviderName { get; }

    public ExternalIdentity Identity { get; }

    /// <summary>The ID token's <c>preferred_username</c>; null when the provider sends none.</summary>
    public string? PreferredUsername { get; init; }

    public IExternalIdentityGrain Link => Grains.GetGrain<IExternalIdentityGrain>(ExternalIdentities.GrainKey(Identity));

    /// <summary>A sign-in verified by the provider, as the front end passes it on.</summary>
    public FederatedSignIn Request(string? sid = null, CredentialKind kind = CredentialKind.Browser) =>
        new(ProviderName, Identity, PreferredUsername, sid, TestClockNow, new SignInRequest(kind, null, "127.0.0.1", "tests"));

    public Task<SignInResult> SignInAsync(string? sid = null, CredentialKind kind = CredentialKind.Browser) =>
        Link.SignInAsync(Request(sid, kind));

    public async Task<IssuedSession> SignInBrowserAsync(string? sid = null) => Signed(await SignInAsync(sid));

    public async Task<IssuedSession> SignInAppAsync(string? sid = null) => Signed(await SignInAsync(sid, CredentialKind.App));

    /// <summary>The grid user this person is linked to (after a first sign-in).</summary>
    public async Task<IUserGrain> UserAsync() =>
        Grains.GetGrain<IUserGrain>(await Link.GetUserIdAsync() ?? throw new InvalidOperationException("Not linked."));

    private static DateTimeOffset TestClockNow => Infrastructure.TestClock.Start;

    private static IssuedSession Signed(SignInResult result)
    {
        Assert.Equal(SignInOutcome.SignedIn, result.Outcome);
        return result.Session!;
    }
}
