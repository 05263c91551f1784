using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation.Grains;

/// <summary>
/// One person of an identity provider is one grid user, however their first sign-ins race or fail half-way, and a
/// federated user holds the same kinds of credentials as anyone (docs/invariants.md, invariant 10).
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class FederatedSignInTests(ClusterFixture fixture)
{
    private GridCluster Grid => fixture.Grid;

    [Fact]
    public async Task TheFirstSignInCreatesAUserLinkedToTheIdentityAndLaterSignInsReachTheSameUser()
    {
        var person = new FederatedPerson(Grid.Client);

        var first = await person.SignInBrowserAsync(sid: "sid-1");
        var second = await person.SignInBrowserAsync(sid: "sid-2");

        Assert.Equal(first.UserId, second.UserId);
        Assert.Equal(first.UserId, await person.Link.GetUserIdAsync());
        var user = await person.UserAsync();
        Assert.True((await user.ValidateAsync(first.SessionToken!)).IsValid);
        Assert.True((await user.ValidateAsync(second.SessionToken!)).IsValid);
        var account = (await user.GetAccountAsync())!;
        Assert.Equal(person.PreferredUsername, account.Username);
        Assert.Equal([person.Identity], account.Identities ?? []);
        Assert.Equal(first.UserId, await Grid.Client.GetGrain<IUsernameGrain>(person.PreferredUsername!).GetUserIdAsync());
    }

    [Fact]
    public async Task ConcurrentFirstSignInsOfOnePersonCreateOneUserAndOneLink()
    {
        var person = new FederatedPerson(Grid.Client);

        var results = await Repeat.ConcurrentlyAsync(12, () => person.SignInAsync());

        Assert.All(results, r => Assert.Equal(SignInOutcome.SignedIn, r.Outcome));
        var userId = Assert.Single(results.Select(r => r.Session!.UserId).Distinct());
        Assert.Equal(userId, await person.Link.GetUserIdAsync());
        Assert.Equal(userId, await Grid.Client.GetGrain<IUsernameGrain>(person.PreferredUsername!).GetUserIdAsync());
        Assert.Null(await Grid.Client.GetGrain<IUsernameGrain>(person.PreferredUsername + "2").GetUserIdAsync());
        Assert.Equal(12, (await (await person.UserAsync()).ListSessionsAsync(TestUser.Operator))!.Length);
    }

    [Fact]
    public async Task APreferredUsernameSomeoneHoldsIsMadeUniqueWithASuffix()
    {
        var holder = await TestUser.RegisterAsync(Grid.Client);
        var first = new FederatedPerson(Grid.Client) { PreferredUsername = holder.Username.ToUpperInvariant() };
        var second = new FederatedPerson(Grid.Client) { PreferredUsername = holder.Username };

        await first.SignInBrowserAsync();
        await second.SignInBrowserAsync();

        var firstName = (await (await first.UserAsync()).GetAccountAsync())!.Username;
        var secondName = (await (await second.UserAsync()).GetAccountAsync())!.Username;
        Assert.Equal((holder.Username + "2", holder.Username + "3"), (firstName, secondName));
        Assert.Equal(holder.UserId, await holder.Name.GetUserIdAsync());
        Assert.Equal(SignInOutcome.SignedIn, (await holder.SignInAsync(CredentialKind.Browser)).Outcome);
    }

    [Theory]
    [InlineData("Jane Doe (HR)", "janedoehr")]
    [InlineData("jane.doe@example.com", "jane.doe@example.com")]
    [InlineData("Зоя", "user")]
    [InlineData("x", "user")]
    [InlineData(null, "user")]
    public async Task AUsernameIsDerivedWithinTheRulesOrFromANeutralStem(string? preferred, string stem)
    {
        var person = new FederatedPerson(Grid.Client) { PreferredUsername = preferred };

        await person.SignInBrowserAsync();

        var username = (await (await person.UserAsync()).GetAccountAsync())!.Username;
        Assert.StartsWith(stem, username, StringComparison.Ordinal);
        Assert.True(AccountRules.TryNormalizeUsername(username, out var normalized) && normalized == username);
    }

    [Fact]
    public async Task AFederatedSessionIsListedWithItsProvider()
    {
        var person = new FederatedPerson(Grid.Client);
        var session = await person.SignInBrowserAsync(sid: "sid-listed");

        var listed = (await (await person.UserAsync()).ListSessionsAsync(Actor.Credential(session.SessionId)))!;

        var mine = Assert.Single(listed);
        Assert.Equal((FederatedPerson.Provider, true, CredentialKind.Browser), (mine.Provider, mine.Current, mine.Kind));
    }

    [Fact]
    public async Task AFederatedUserCanCreateApiTokensAndSignInApps()
    {
        var person = new FederatedPerson(Grid.Client);
        var browser = await person.SignInBrowserAsync();
        var user = await person.UserAsync();

        var token = await user.CreateApiTokenAsync(browser.SessionId, "job", null, ApiTokenRules.DefaultScopes);
        var app = await person.SignInAppAsync(sid: "sid-app");
        var refreshed = await user.RefreshAsync(app.RefreshToken!);

        Assert.Equal(ApiTokenOutcome.Created, token.Outcome);
        Assert.True((await user.ValidateAsync(token.Token!)).IsValid);
        Assert.Equal(RefreshOutcome.Refreshed, refreshed.Outcome);
        Assert.True((await user.ValidateAsync(refreshed.Session!.AccessToken!)).IsValid);
    }

    [Fact]
    public async Task PasswordSignInOfAFederatedUserFailsExactlyLikeAWrongPassword()
    {
        var person = new FederatedPerson(Grid.Client);
        await person.SignInBrowserAsync();
        var name = Grid.Client.GetGrain<IUsernameGrain>(person.PreferredUsername!);

        var result = await name.SignInAsync(TestUser.Password, new SignInRequest(CredentialKind.Browser, null, "127.0.0.1", "tests"));
        var unknown = await Grid.Client.GetGrain<IUsernameGrain>($"u{Guid.NewGuid():N}")
            .SignInAsync(TestUser.Password, new SignInRequest(CredentialKind.Browser, null, "127.0.0.1", "tests"));

        Assert.Equal(SignInResult.Invalid, result);
        Assert.Equal(unknown, result);
    }

    [Fact]
    public async Task AnIdentityGrainSignsInOnlyTheIdentityItIsFor()
    {
        var person = new FederatedPerson(Grid.Client);
        var impostor = new FederatedPerson(Grid.Client);

        var result = await person.Link.SignInAsync(impostor.Request());

        Assert.Equal(SignInOutcome.InvalidCredentials, result.Outcome);
        Assert.Null(await person.Link.GetUserIdAsync());
    }

    [Fact]
    public async Task AUserGrainOpensNoSessionForAnIdentityNotLinkedToIt()
    {
        var person = new FederatedPerson(Grid.Client);
        var stranger = new FederatedPerson(Grid.Client);
        await person.SignInBrowserAsync();

        var result = await (await person.UserAsync()).SignInFederatedAsync(stranger.Request());

        Assert.Equal(SignInOutcome.InvalidCredentials, result.Outcome);
    }

    [Fact]
    public async Task AFirstSignInInterruptedAtAnyStepIsFinishedByTheNextWithOneUserAndOneName()
    {
        var person = new FederatedPerson(Grid.Client);
        var name = Grid.Client.GetGrain<IUsernameGrain>(person.PreferredUsername!);

        // The claim of the name reaches storage, but the answer is lost.
        var nameDeactivated = Grid.Cluster.WaitForDeactivationAsync(name);
        Grid.Faults.Arm(name.GetGrainId(), FaultPoint.AfterWrite);
        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => person.SignInAsync());
        await nameDeactivated;
        // The link cannot be written (the id was written by the first attempt; the account is made by this one).
        var linkDeactivated = Grid.Cluster.WaitForDeactivationAsync(person.Link);
        Grid.Faults.Arm(person.Link.GetGrainId(), FaultPoint.BeforeWrite);
        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => person.SignInAsync());
        await linkDeactivated;
        var session = await person.SignInBrowserAsync();

        Assert.Equal(session.UserId, await person.Link.GetUserIdAsync());
        Assert.Equal(session.UserId, await name.GetUserIdAsync());
        Assert.Null(await Grid.Client.GetGrain<IUsernameGrain>(person.PreferredUsername + "2").GetUserIdAsync());
        Assert.Equal(person.PreferredUsername, (await (await person.UserAsync()).GetAccountAsync())!.Username);
    }

    [Fact]
    public async Task TheFirstLinkIsAudited()
    {
        var person = new FederatedPerson(Grid.Client);
        await person.SignInBrowserAsync();

        var trail = await (await person.UserAsync()).GetAuditTrailAsync();

        Assert.Equal([AuditEventKind.Registered, AuditEventKind.IdentityLinked, AuditEventKind.SignedIn], trail.Select(e => e.Kind));
        Assert.Contains(FederatedPerson.Provider, trail[1].Detail, StringComparison.Ordinal);
    }
}
