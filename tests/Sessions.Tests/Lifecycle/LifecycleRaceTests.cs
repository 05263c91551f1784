using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Federation.Grains;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Lifecycle;

/// <summary>
/// A sign-in, refresh or token creation racing a disable or a delete never leaves a credential that works afterwards,
/// and a delete racing a federated sign-in does not deadlock (the user grain and the identity grain each wait for the
/// other; docs/architecture.md, "Federation").
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class LifecycleRaceTests(ClusterFixture fixture)
{
    private const int Iterations = 12;

    private GridCluster Grid => fixture.Grid;

    [Fact]
    public async Task SignInsRefreshesAndTokenCreationRacingDisableLeaveNoLiveCredential()
    {
        for (var i = 0; i < Iterations; i++)
        {
            var user = await TestUser.RegisterAsync(Grid.Client);
            var browser = await user.SignInBrowserAsync();
            var app = await user.SignInAppAsync();

            var signIns = Enumerable.Range(0, 3).Select(n => user.SignInAsync(n % 2 == 0 ? CredentialKind.Browser : CredentialKind.App)).ToArray();
            var refresh = user.Grain.RefreshAsync(app.RefreshToken!);
            var token = user.Grain.CreateApiTokenAsync(browser.SessionId, "job", null, ApiTokenRules.DefaultScopes);
            var disable = user.Grain.DisableAsync(TestUser.Operator);
            await Task.WhenAll(Task.WhenAll(signIns), refresh, token, disable);

            Assert.Equal(LifecycleOutcome.Done, (await disable).Outcome);
            await AssertNothingWorksAsync(user.Grain, [browser, app, .. Issued(await Task.WhenAll(signIns)), .. Issued(await refresh)], await token);
        }
    }

    [Fact]
    public async Task SignInsAndRefreshesRacingDeleteLeaveNoLiveCredential()
    {
        for (var i = 0; i < Iterations; i++)
        {
            var user = await TestUser.RegisterAsync(Grid.Client);
            var app = await user.SignInAppAsync();

            var signIns = Enumerable.Range(0, 3).Select(n => user.SignInAsync(n % 2 == 0 ? CredentialKind.Browser : CredentialKind.App)).ToArray();
            var refresh = user.Grain.RefreshAsync(app.RefreshToken!);
            var delete = user.Grain.DeleteAsync(TestUser.Operator);
            await Task.WhenAll(Task.WhenAll(signIns), refresh, delete);

            Assert.Equal(LifecycleOutcome.Done, (await delete).Outcome);
            await AssertNothingWorksAsync(user.Grain, [app, .. Issued(await Task.WhenAll(signIns)), .. Issued(await refresh)], null);
        }
    }

    [Fact]
    public async Task FederatedSignInsRacingDeleteNeitherDeadlockNorLeaveALiveCredentialOfTheDeletedUser()
    {
        for (var i = 0; i < Iterations; i++)
        {
            var person = new FederatedPerson(Grid.Client);
            var sid = $"sid-{Guid.NewGuid():N}";
            var first = await person.SignInBrowserAsync(sid);
            var user = await person.UserAsync();

            var signIns = Enumerable.Range(0, 3).Select(n => person.SignInAsync(sid)).ToArray();
            var delete = user.DeleteAsync(TestUser.Operator);
            await Task.WhenAll(Task.WhenAll(signIns), delete);

            Assert.Equal(LifecycleOutcome.Done, (await delete).Outcome);
            var ofDeletedUser = Issued(await Task.WhenAll(signIns)).Where(s => s.UserId == first.UserId);
            await AssertNothingWorksAsync(user, [first, .. ofDeletedUser], null);
            Assert.NotEqual(first.UserId, (await person.SignInBrowserAsync()).UserId);
        }
    }

    [Fact]
    public async Task ADeleteThatMustUnlinkAnIdentityWhoseSignInWaitsForItDoesNotDeadlock()
    {
        var person = new FederatedPerson(Grid.Client);
        var first = await person.SignInBrowserAsync();
        var user = await person.UserAsync();
        var sid = $"sid-{Guid.NewGuid():N}";
        var record = Grid.Client.GetGrain<IProviderSessionGrain>(ExternalIdentities.ProviderSessionKey(FederatedPerson.Issuer, sid));
        var deleteWrite = Grid.Faults.HoldNextWrite(user.GetGrainId());
        var signInStep = Grid.Faults.HoldNextWrite(record.GetGrainId());

        // The delete holds the user grain's turn; the sign-in holds the identity grain's turn and will wait for the user
        // grain; then the delete calls the identity grain.
        var delete = user.DeleteAsync(TestUser.Operator);
        await deleteWrite.Reached;
        var signIn = person.SignInAsync(sid);
        await signInStep.Reached;
        deleteWrite.Release(fail: false);
        signInStep.Release(fail: false);

        Assert.Equal(LifecycleOutcome.Done, (await delete).Outcome);
        Assert.Equal(SignInOutcome.InvalidCredentials, (await signIn).Outcome);
        Assert.False((await user.ValidateAsync(first.SessionToken!)).IsValid);
        Assert.Null(await person.Link.GetUserIdAsync());
    }

    private static IEnumerable<IssuedSession> Issued(params SignInResult[] results) =>
        results.Where(r => r.Outcome == SignInOutcome.SignedIn).Select(r => r.Session!);

    private static IEnumerable<IssuedSession> Issued(RefreshResult result) =>
        result.Outcome == RefreshOutcome.Refreshed ? [result.Session!] : [];

    private static async Task AssertNothingWorksAsync(IUserGrain grain, IEnumerable<IssuedSession> sessions, ApiTokenResult? token)
    {
        foreach (var session in sessions)
        {
            Assert.False((await grain.ValidateAsync(session.SessionToken ?? session.AccessToken!)).IsValid);
            if (session.RefreshToken is { } refresh)
            {
                Assert.NotEqual(RefreshOutcome.Refreshed, (await grain.RefreshAsync(refresh)).Outcome);
            }
        }

        if (token is { Token: { } apiToken })
        {
            Assert.False((await grain.ValidateAsync(apiToken)).IsValid);
        }
    }
}
