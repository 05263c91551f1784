using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Federation.Grains;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Lifecycle;

/// <summary>What federation and the lifecycle acknowledged — a link, a provider logout, a disable, a delete — holds
/// after a restart of the whole cluster on the same database (docs/invariants.md, invariant 2).</summary>
public sealed class LifecycleDurabilityTests
{
    [Fact]
    public async Task LinksProviderLogoutsDisablesAndDeletesSurviveARestart()
    {
        string databasePath;
        TestUser disabled, deleted;
        FederatedPerson person;
        IssuedSession disabledSession, loggedOut, kept;
        string linkedUserId;
        await using (var before = await GridCluster.StartAsync(silos: 1))
        {
            databasePath = before.DatabasePath;
            disabled = await TestUser.RegisterAsync(before.Client);
            deleted = await TestUser.RegisterAsync(before.Client);
            person = new FederatedPerson(before.Client);
            disabledSession = await disabled.SignInBrowserAsync();
            loggedOut = await person.SignInBrowserAsync(sid: "sid-out");
            kept = await person.SignInBrowserAsync(sid: "sid-kept");
            linkedUserId = loggedOut.UserId;
            await (await person.UserAsync()).EndProviderSessionsAsync(Actor.Provider(FederatedPerson.Provider), FederatedPerson.Provider, "sid-out");
            await disabled.Grain.DisableAsync(TestUser.Operator);
            await deleted.Grain.DeleteAsync(TestUser.Operator);
        }

        await using var after = await GridCluster.StartAsync(databasePath, silos: 1);
        var link = after.Client.GetGrain<IExternalIdentityGrain>(ExternalIdentities.GrainKey(person.Identity));
        var linkedUser = after.Client.GetGrain<IUserGrain>(linkedUserId);

        Assert.Equal(linkedUserId, await link.GetUserIdAsync());
        Assert.False((await linkedUser.ValidateAsync(loggedOut.SessionToken!)).IsValid);
        Assert.True((await linkedUser.ValidateAsync(kept.SessionToken!)).IsValid);
        Assert.Equal(linkedUserId, (await link.SignInAsync(person.Request())).Session!.UserId);
        var disabledAfter = after.Client.GetGrain<IUserGrain>(disabled.UserId);
        Assert.True((await disabledAfter.GetAccountAsync())!.Disabled);
        Assert.False((await disabledAfter.ValidateAsync(disabledSession.SessionToken!)).IsValid);
        Assert.Equal(SignInResult.Invalid, await after.Client.GetGrain<IUsernameGrain>(disabled.Username)
            .SignInAsync(TestUser.Password, new SignInRequest(CredentialKind.Browser, null, "127.0.0.1", "tests")));
        Assert.Null(await after.Client.GetGrain<IUserGrain>(deleted.UserId).GetAccountAsync());
        Assert.Null(await after.Client.GetGrain<IUsernameGrain>(deleted.Username).GetUserIdAsync());
    }
}
