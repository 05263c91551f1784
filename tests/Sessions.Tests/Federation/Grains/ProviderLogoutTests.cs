using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation.Grains;

/// <summary>
/// A provider's logout ends exactly the grid sessions that came from it — one provider session's, or every one of that
/// provider's — with their app tokens, durably; a provider acts only on what is its own (docs/invariants.md, invariant 10).
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class ProviderLogoutTests(ClusterFixture fixture)
{
    private GridCluster Grid => fixture.Grid;

    [Fact]
    public async Task EndingOneProviderSessionEndsItsBrowserAndAppSessionsAndNothingElse()
    {
        var person = new FederatedPerson(Grid.Client);
        var browser = await person.SignInBrowserAsync(sid: "sid-a");
        var app = await person.SignInAppAsync(sid: "sid-a");
        var otherSid = await person.SignInBrowserAsync(sid: "sid-b");
        var user = await person.UserAsync();
        var apiToken = await user.CreateApiTokenAsync(otherSid.SessionId, "job", null, ApiTokenRules.DefaultScopes);

        var ended = await user.EndProviderSessionsAsync(Actor.Provider(FederatedPerson.Provider), FederatedPerson.Provider, "sid-a");

        Assert.Equal(2, ended);
        Assert.False((await user.ValidateAsync(browser.SessionToken!)).IsValid);
        Assert.False((await user.ValidateAsync(app.AccessToken!)).IsValid);
        Assert.Equal(RefreshOutcome.Invalid, (await user.RefreshAsync(app.RefreshToken!)).Outcome);
        Assert.True((await user.ValidateAsync(otherSid.SessionToken!)).IsValid);
        Assert.True((await user.ValidateAsync(apiToken.Token!)).IsValid);
    }

    [Fact]
    public async Task EndingEverySessionOfAProviderLeavesAnotherProvidersSessionsAndApiTokens()
    {
        var person = new FederatedPerson(Grid.Client);
        var first = await person.SignInBrowserAsync(sid: "sid-1");
        var second = await person.SignInAppAsync(sid: null);
        var user = await person.UserAsync();
        var apiToken = await user.CreateApiTokenAsync(first.SessionId, "job", null, ApiTokenRules.DefaultScopes);
        var other = new FederatedPerson(Grid.Client, provider: "partner", issuer: "https://partner.example.test");
        var otherSession = await other.SignInBrowserAsync(sid: "sid-1");

        var ended = await user.EndProviderSessionsAsync(Actor.Provider(FederatedPerson.Provider), FederatedPerson.Provider, null);
        var otherEnded = await (await other.UserAsync()).EndProviderSessionsAsync(Actor.Provider(FederatedPerson.Provider), FederatedPerson.Provider, null);

        Assert.Equal((2, 0), (ended, otherEnded));
        Assert.False((await user.ValidateAsync(first.SessionToken!)).IsValid);
        Assert.False((await user.ValidateAsync(second.AccessToken!)).IsValid);
        Assert.True((await user.ValidateAsync(apiToken.Token!)).IsValid);
        Assert.True((await (await other.UserAsync()).ValidateAsync(otherSession.SessionToken!)).IsValid);
    }

    [Fact]
    public async Task AProviderLogoutLeavesPasswordSessions()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();

        var ended = await user.Grain.EndProviderSessionsAsync(Actor.Provider(FederatedPerson.Provider), FederatedPerson.Provider, null);

        Assert.Equal(0, ended);
        Assert.True(await user.IsValidAsync(browser.SessionToken!));
    }

    [Fact]
    public async Task AProviderEndsOnlyItsOwnSessionsAndACredentialNone()
    {
        var person = new FederatedPerson(Grid.Client);
        var browser = await person.SignInBrowserAsync(sid: "sid-own");
        var user = await person.UserAsync();

        var byAnother = await user.EndProviderSessionsAsync(Actor.Provider("partner"), FederatedPerson.Provider, "sid-own");
        var byCredential = await user.EndProviderSessionsAsync(Actor.Credential(browser.SessionId), FederatedPerson.Provider, "sid-own");
        var byTransmitter = await user.EndProviderSessionsAsync(Actor.Transmitter("ssf"), FederatedPerson.Provider, "sid-own");

        Assert.Equal((null, null, null), (byAnother, byCredential, byTransmitter));
        Assert.True((await user.ValidateAsync(browser.SessionToken!)).IsValid);
        Assert.Equal(1, await user.EndProviderSessionsAsync(TestUser.Operator, FederatedPerson.Provider, "sid-own"));
    }

    [Fact]
    public async Task AProviderSignsOutEverywhereOnlyAUserLinkedThroughIt()
    {
        var person = new FederatedPerson(Grid.Client);
        var browser = await person.SignInBrowserAsync();
        var user = await person.UserAsync();
        var apiToken = await user.CreateApiTokenAsync(browser.SessionId, "job", null, ApiTokenRules.DefaultScopes);
        var stranger = await TestUser.RegisterAsync(Grid.Client);
        var strangerSession = await stranger.SignInBrowserAsync();

        var denied = await stranger.Grain.SignOutEverywhereAsync(Actor.Provider(FederatedPerson.Provider), keepCurrent: false);
        var done = await user.SignOutEverywhereAsync(Actor.Provider(FederatedPerson.Provider), keepCurrent: true);

        Assert.Null(denied);
        Assert.True(await stranger.IsValidAsync(strangerSession.SessionToken!));
        Assert.Equal((1, 1), (done!.RevokedSessions, done.RevokedTokens));
        Assert.False((await user.ValidateAsync(browser.SessionToken!)).IsValid);
        Assert.False((await user.ValidateAsync(apiToken.Token!)).IsValid);
    }

    [Fact]
    public async Task TheProviderSessionRecordNamesTheUsersOfASid()
    {
        var sid = $"sid-{Guid.NewGuid():N}";
        var person = new FederatedPerson(Grid.Client);
        var session = await person.SignInBrowserAsync(sid: sid);
        var record = Grid.Client.GetGrain<IProviderSessionGrain>(ExternalIdentities.ProviderSessionKey(FederatedPerson.Issuer, sid));

        var users = await record.GetUserIdsAsync();
        await record.RemoveUserAsync(session.UserId);

        Assert.Equal([session.UserId], users);
        Assert.Empty(await record.GetUserIdsAsync());
    }

    [Fact]
    public async Task AFullProviderSessionRecordRefusesTheNextSignInRatherThanForgetAUser()
    {
        var sid = $"sid-{Guid.NewGuid():N}";
        var record = Grid.Client.GetGrain<IProviderSessionGrain>(ExternalIdentities.ProviderSessionKey(FederatedPerson.Issuer, sid));
        var recorded = await Repeat.SequentiallyAsync(ExternalIdentities.MaxUsersPerProviderSession,
            _ => record.AddUserAsync(GridIds.Format(Guid.NewGuid())));
        var person = new FederatedPerson(Grid.Client);

        var result = await person.SignInAsync(sid: sid);

        Assert.All(recorded, Assert.True);
        Assert.Equal(SignInOutcome.InvalidCredentials, result.Outcome);
        Assert.Equal(ExternalIdentities.MaxUsersPerProviderSession, (await record.GetUserIdsAsync()).Length);
    }

    [Fact]
    public async Task AProviderLogoutIsAuditedWithItsSource()
    {
        var person = new FederatedPerson(Grid.Client);
        await person.SignInBrowserAsync(sid: "sid-audit");
        var user = await person.UserAsync();

        await user.EndProviderSessionsAsync(Actor.Provider(FederatedPerson.Provider), FederatedPerson.Provider, "sid-audit");

        var last = (await user.GetAuditTrailAsync())[^1];
        Assert.Equal(AuditEventKind.SignalReceived, last.Kind);
        Assert.Contains($"identity provider '{FederatedPerson.Provider}'", last.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProviderLogoutThatCannotBeWrittenFailsAndTheRetryEndsTheSession()
    {
        var person = new FederatedPerson(Grid.Client);
        var browser = await person.SignInBrowserAsync(sid: "sid-fault");
        var user = await person.UserAsync();
        var deactivated = Grid.Cluster.WaitForDeactivationAsync(user);
        Grid.Faults.Arm(user.GetGrainId(), FaultPoint.BeforeWrite);

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(
            () => user.EndProviderSessionsAsync(Actor.Provider(FederatedPerson.Provider), FederatedPerson.Provider, "sid-fault"));
        await deactivated;

        Assert.True((await user.ValidateAsync(browser.SessionToken!)).IsValid);
        Assert.Equal(1, await user.EndProviderSessionsAsync(Actor.Provider(FederatedPerson.Provider), FederatedPerson.Provider, "sid-fault"));
        Assert.False((await user.ValidateAsync(browser.SessionToken!)).IsValid);
    }
}
