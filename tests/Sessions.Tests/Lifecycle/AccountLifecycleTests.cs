using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Federation.Grains;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Lifecycle;

/// <summary>
/// Disable ends every credential and refuses every way to a new one until enabled; enable brings back sign-in, never a
/// credential; delete ends everything, frees the name and the links, and removes the state (docs/invariants.md,
/// invariant 10; checklist T7).
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class AccountLifecycleTests(ClusterFixture fixture)
{
    private GridCluster Grid => fixture.Grid;

    [Fact]
    public async Task DisableRevokesEverySessionAppTokenAndApiTokenInOneCall()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        var app = await user.SignInAppAsync();
        var apiToken = await user.CreateApiTokenAsync(browser.SessionId);

        var result = await user.Grain.DisableAsync(TestUser.Operator);

        Assert.Equal(new LifecycleResult(LifecycleOutcome.Done, 2, 1), result);
        Assert.False(await user.IsValidAsync(browser.SessionToken!));
        Assert.False(await user.IsValidAsync(app.AccessToken!));
        Assert.False(await user.IsValidAsync(apiToken.Token!));
        Assert.Equal(RefreshOutcome.Invalid, (await user.Grain.RefreshAsync(app.RefreshToken!)).Outcome);
        Assert.True((await user.Grain.GetAccountAsync())!.Disabled);
    }

    [Fact]
    public async Task ADisabledAccountRefusesPasswordAndFederatedSignInAndTokenCreation()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var person = new FederatedPerson(Grid.Client);
        var federated = await person.SignInBrowserAsync();
        var federatedUser = await person.UserAsync();

        await user.Grain.DisableAsync(TestUser.Operator);
        await federatedUser.DisableAsync(Actor.Transmitter("ssf"));

        Assert.Equal(SignInResult.Invalid, await user.SignInAsync(CredentialKind.Browser));
        Assert.Equal(SignInResult.Invalid, await user.SignInAsync(CredentialKind.App));
        Assert.Equal(SignInOutcome.Disabled, (await person.SignInAsync()).Outcome);
        Assert.Equal(SignInOutcome.Disabled, (await person.SignInAsync(kind: CredentialKind.App)).Outcome);
        Assert.Equal(ApiTokenOutcome.Denied,
            (await federatedUser.CreateApiTokenAsync(federated.SessionId, "job", null, ApiTokenRules.DefaultScopes)).Outcome);
        Assert.Empty((await federatedUser.ListSessionsAsync(TestUser.Operator))!);
    }

    [Fact]
    public async Task EnableRestoresSignInButNoCredentialTheDisableRevoked()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        var app = await user.SignInAppAsync();
        var apiToken = await user.CreateApiTokenAsync(browser.SessionId);
        await user.Grain.DisableAsync(TestUser.Operator);

        var result = await user.Grain.EnableAsync(TestUser.Operator);

        Assert.Equal(LifecycleOutcome.Done, result.Outcome);
        Assert.False(await user.IsValidAsync(browser.SessionToken!));
        Assert.False(await user.IsValidAsync(app.AccessToken!));
        Assert.False(await user.IsValidAsync(apiToken.Token!));
        Assert.Equal(RefreshOutcome.Invalid, (await user.Grain.RefreshAsync(app.RefreshToken!)).Outcome);
        var again = await user.SignInBrowserAsync();
        Assert.True(await user.IsValidAsync(again.SessionToken!));
        Assert.False((await user.Grain.GetAccountAsync())!.Disabled);
    }

    [Fact]
    public async Task DisablingTwiceOrEnablingAnEnabledAccountChangesNothing()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var absent = Grid.Client.GetGrain<IUserGrain>(GridIds.Format(Guid.NewGuid()));

        var enable = await user.Grain.EnableAsync(TestUser.Operator);
        await user.Grain.DisableAsync(TestUser.Operator);
        var second = await user.Grain.DisableAsync(TestUser.Operator);

        Assert.Equal((LifecycleOutcome.Unchanged, LifecycleOutcome.Unchanged), (enable.Outcome, second.Outcome));
        Assert.Equal(LifecycleOutcome.NoSuchAccount, (await absent.DisableAsync(TestUser.Operator)).Outcome);
        Assert.Equal(LifecycleOutcome.NoSuchAccount, (await absent.DeleteAsync(TestUser.Operator)).Outcome);
    }

    [Fact]
    public async Task OnlyOperatorsAndTransmittersDisableOrEnableAndOnlyOperatorsDelete()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        Actor[] refused = [Actor.Credential(browser.SessionId), Actor.Provider(FederatedPerson.Provider), new(ActorKind.None, "x"),
            Actor.Operator(string.Empty)];

        foreach (var actor in refused)
        {
            Assert.Equal(LifecycleOutcome.Denied, (await user.Grain.DisableAsync(actor)).Outcome);
            Assert.Equal(LifecycleOutcome.Denied, (await user.Grain.DeleteAsync(actor)).Outcome);
        }

        Assert.Equal(LifecycleOutcome.Denied, (await user.Grain.DeleteAsync(Actor.Transmitter("ssf"))).Outcome);
        Assert.True(await user.IsValidAsync(browser.SessionToken!));
        Assert.Equal(LifecycleOutcome.Done, (await user.Grain.DisableAsync(Actor.Transmitter("ssf"))).Outcome);
        Assert.Equal(LifecycleOutcome.Denied, (await user.Grain.EnableAsync(Actor.Provider(FederatedPerson.Provider))).Outcome);
        Assert.Equal(LifecycleOutcome.Done, (await user.Grain.EnableAsync(Actor.Transmitter("ssf"))).Outcome);
    }

    [Fact]
    public async Task ATransmitterMayEndOneSessionAndSignOutEverywhere()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var first = await user.SignInBrowserAsync();
        var second = await user.SignInBrowserAsync();
        var transmitter = Actor.Transmitter("ssf");

        var ended = await user.Grain.EndSessionAsync(transmitter, first.SessionId);
        var everywhere = await user.Grain.SignOutEverywhereAsync(transmitter, keepCurrent: false);

        Assert.Equal(RevocationOutcome.Revoked, ended);
        Assert.Equal(1, everywhere!.RevokedSessions);
        Assert.False(await user.IsValidAsync(second.SessionToken!));
        Assert.Null(await user.Grain.ListSessionsAsync(transmitter));
    }

    [Fact]
    public async Task DeleteRevokesEverythingFreesTheUsernameAndRemovesTheState()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        var app = await user.SignInAppAsync();
        var apiToken = await user.CreateApiTokenAsync(browser.SessionId);

        var result = await user.Grain.DeleteAsync(TestUser.Operator);

        Assert.Equal(new LifecycleResult(LifecycleOutcome.Done, 2, 1), result);
        Assert.False(await user.IsValidAsync(browser.SessionToken!));
        Assert.False(await user.IsValidAsync(app.AccessToken!));
        Assert.False(await user.IsValidAsync(apiToken.Token!));
        Assert.Null(await user.Grain.GetAccountAsync());
        Assert.Empty(await user.Grain.GetAuditTrailAsync());
        Assert.Null(await user.Name.GetUserIdAsync());
        Assert.Equal(SignInResult.Invalid, await user.SignInAsync(CredentialKind.Browser));
        var again = await user.Name.RegisterAsync(TestUser.Password);
        Assert.Equal(RegistrationOutcome.Registered, again.Outcome);
        Assert.NotEqual(user.UserId, again.UserId);
        Assert.Equal(LifecycleOutcome.NoSuchAccount, (await user.Grain.DeleteAsync(TestUser.Operator)).Outcome);
    }

    [Fact]
    public async Task DeletingAFederatedUserUnlinksItsIdentitySoTheNextSignInMakesANewUser()
    {
        var person = new FederatedPerson(Grid.Client);
        var first = await person.SignInBrowserAsync(sid: "sid-deleted");
        var user = await person.UserAsync();

        await user.DeleteAsync(TestUser.Operator);
        var next = await person.SignInBrowserAsync(sid: "sid-next");

        Assert.NotEqual(first.UserId, next.UserId);
        Assert.Equal(next.UserId, await person.Link.GetUserIdAsync());
        Assert.False((await user.ValidateAsync(first.SessionToken!)).IsValid);
        Assert.Equal(person.PreferredUsername, (await (await person.UserAsync()).GetAccountAsync())!.Username);
    }

    [Fact]
    public async Task ADeleteThatFailsHalfWayRevokedEverythingAndItsRetryFinishes()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        var nameDeactivated = Grid.Cluster.WaitForDeactivationAsync(user.Name);
        Grid.Faults.Arm(user.Name.GetGrainId(), FaultPoint.BeforeWrite);

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => user.Grain.DeleteAsync(TestUser.Operator));
        await nameDeactivated;

        Assert.False(await user.IsValidAsync(browser.SessionToken!));
        Assert.Equal(SignInResult.Invalid, await user.SignInAsync(CredentialKind.Browser));
        Assert.Equal(LifecycleOutcome.NoSuchAccount, (await user.Grain.EnableAsync(TestUser.Operator)).Outcome);
        Assert.Equal(user.UserId, await user.Name.GetUserIdAsync());
        Assert.Equal(LifecycleOutcome.Done, (await user.Grain.DeleteAsync(TestUser.Operator)).Outcome);
        Assert.Null(await user.Name.GetUserIdAsync());
        Assert.Null(await user.Grain.GetAccountAsync());
    }

    [Fact]
    public async Task EveryLifecycleActionIsAuditedWithItsSource()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);

        await user.Grain.DisableAsync(Actor.Transmitter("ssf"));
        await user.Grain.EnableAsync(TestUser.Operator);

        var trail = (await user.Grain.GetAuditTrailAsync())[1..];
        Assert.Equal(
            [AuditEventKind.SignalReceived, AuditEventKind.AccountDisabled, AuditEventKind.AdminAction, AuditEventKind.AccountEnabled],
            trail.Select(e => e.Kind));
        Assert.Equal("signal transmitter 'ssf': disable", trail[0].Detail);
        Assert.Equal("operator 'tests': enable", trail[2].Detail);
    }
}
