using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Accounts;
using Sessions.Grains.Hosting;
using Sessions.Grains.Seeding;
using Sessions.Grains.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Grains;

/// <summary>
/// The user grain is the final judge of who may manage a user's sessions (docs/threat-model.md, B25): called
/// directly, past any front end, it denies an API token without the sessions scope and changes nothing; a token with
/// it, a session and an operator may; a token stored before scopes existed keeps the powers it was issued with.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class ApiTokenScopeTests(ClusterFixture fixture)
{
    private GridCluster Grid => fixture.Grid;

    [Fact]
    public async Task AnAuthenticateOnlyTokenIsDeniedEverySessionManagementCallEvenStraightToTheGrainAndNothingChanges()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var laptop = await user.SignInBrowserAsync();
        var phone = await user.SignInAppAsync();
        var other = await user.CreateApiTokenAsync(laptop.SessionId, "other");
        var leaked = await user.CreateApiTokenAsync(laptop.SessionId, "leaked");
        var actor = Actor.Credential(leaked.Id!);
        var trailBefore = await user.Grain.GetAuditTrailAsync();

        var sessions = await user.Grain.ListSessionsAsync(actor);
        var tokens = await user.Grain.ListApiTokensAsync(actor);
        var endPhone = await user.Grain.EndSessionAsync(actor, phone.SessionId);
        var revokeOther = await user.Grain.RevokeApiTokenAsync(actor, other.Id!);
        var everywhere = await user.Grain.SignOutEverywhereAsync(actor, keepCurrent: true);

        Assert.Null(sessions);
        Assert.Null(tokens);
        Assert.Equal(RevocationOutcome.Denied, endPhone);
        Assert.Equal(RevocationOutcome.Denied, revokeOther);
        Assert.Null(everywhere);
        Assert.All(
            await Task.WhenAll(user.IsValidAsync(laptop.SessionToken!), user.IsValidAsync(phone.AccessToken!), user.IsValidAsync(other.Token!), user.IsValidAsync(leaked.Token!)),
            Assert.True);
        Assert.Equal(trailBefore, await user.Grain.GetAuditTrailAsync());
    }

    [Fact]
    public async Task AnAuthenticateOnlyTokenMayEndItself()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        var token = await user.CreateApiTokenAsync(browser.SessionId);

        var ended = await user.Grain.RevokeApiTokenAsync(Actor.Credential(token.Id!), token.Id!);

        Assert.Equal(RevocationOutcome.Revoked, ended);
        Assert.False(await user.IsValidAsync(token.Token!));
        Assert.True(await user.IsValidAsync(browser.SessionToken!));
    }

    [Fact]
    public async Task ATokenWithTheSessionsScopeMayListEndRevokeAndSignOutEverywhere()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var laptop = await user.SignInBrowserAsync(device: "laptop");
        var phone = await user.SignInAppAsync(device: "phone");
        var other = await user.CreateApiTokenAsync(laptop.SessionId, "other");
        var agent = await user.CreateApiTokenAsync(laptop.SessionId, "agent", scopes: ApiTokenScopes.Sessions);
        var actor = Actor.Credential(agent.Id!);

        var sessions = await user.Grain.ListSessionsAsync(actor);
        var tokens = await user.Grain.ListApiTokensAsync(actor);
        var endPhone = await user.Grain.EndSessionAsync(actor, phone.SessionId);
        var revokeOther = await user.Grain.RevokeApiTokenAsync(actor, other.Id!);
        var everywhere = await user.Grain.SignOutEverywhereAsync(actor, keepCurrent: true);

        Assert.Equal(["laptop", "phone"], sessions!.Select(s => s.Device).Order());
        Assert.DoesNotContain(sessions!, s => s.Current);
        Assert.Equal(ApiTokenRules.EveryScope, Assert.Single(tokens!, t => t.Id == agent.Id).Scopes);
        Assert.Equal(ApiTokenScopes.Authenticate, Assert.Single(tokens!, t => t.Id == other.Id).Scopes);
        Assert.Equal(RevocationOutcome.Revoked, endPhone);
        Assert.Equal(RevocationOutcome.Revoked, revokeOther);
        Assert.Equal((1, 0), (everywhere!.RevokedSessions, everywhere.RevokedTokens));
        Assert.True(await user.IsValidAsync(agent.Token!));
        Assert.False(await user.IsValidAsync(laptop.SessionToken!));
    }

    [Fact]
    public async Task ValidationSaysWhatEachCredentialMayDo()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        var app = await user.SignInAppAsync();
        var plain = await user.CreateApiTokenAsync(browser.SessionId, "plain");
        var manager = await user.CreateApiTokenAsync(browser.SessionId, "manager", scopes: ApiTokenScopes.Sessions);

        var scopes = await Task.WhenAll(new[] { browser.SessionToken!, app.AccessToken!, plain.Token!, manager.Token! }
            .Select(async token => (await user.Grain.ValidateAsync(token)).Scopes));
        var refresh = await user.Grain.IntrospectAsync(app.RefreshToken!);

        Assert.Equal([ApiTokenRules.EveryScope, ApiTokenRules.EveryScope, ApiTokenScopes.Authenticate, ApiTokenRules.EveryScope], scopes);
        Assert.Equal(ApiTokenRules.EveryScope, refresh.Scopes);
        Assert.Equal((ApiTokenScopes.Authenticate, ApiTokenRules.EveryScope), (plain.Scopes, manager.Scopes));
    }

    [Fact]
    public async Task ActorsThatAreNotALiveCredentialOfThisUserAreDenied()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var stranger = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        var ended = await user.SignInBrowserAsync();
        await user.Grain.EndSessionAsync(Actor.Credential(ended.SessionId), ended.SessionId);
        var strangersSession = await stranger.SignInBrowserAsync();
        var expiring = await user.CreateApiTokenAsync(browser.SessionId, "short", TimeSpan.FromDays(1), ApiTokenScopes.Sessions);
        Grid.Clock.Advance(TimeSpan.FromDays(1));
        var fresh = await user.SignInBrowserAsync();
        Actor[] actors =
        [
            Actor.Credential(ended.SessionId),
            Actor.Credential(strangersSession.SessionId),
            Actor.Credential(expiring.Id!),
            Actor.Credential("not an id"),
            new Actor(ActorKind.None, fresh.SessionId),
            new Actor((ActorKind)99, fresh.SessionId),
            Actor.Operator(string.Empty),
        ];

        foreach (var actor in actors)
        {
            Assert.Null(await user.Grain.ListSessionsAsync(actor));
            Assert.Equal(RevocationOutcome.Denied, await user.Grain.EndSessionAsync(actor, fresh.SessionId));
            Assert.Null(await user.Grain.SignOutEverywhereAsync(actor, keepCurrent: false));
        }

        Assert.True(await user.IsValidAsync(fresh.SessionToken!));
    }

    [Fact]
    public async Task AnOperatorsSignOutEverywhereIsAuditedInTheSameWriteAsTheRevocation()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        var deactivated = Grid.Cluster.WaitForDeactivationAsync(user.Grain);
        Grid.Faults.Arm(user.Grain.GetGrainId(), FaultPoint.BeforeWrite);
        var oncall = Actor.Operator("oncall");

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => user.Grain.SignOutEverywhereAsync(oncall, keepCurrent: false));
        await deactivated;
        var afterFailure = await user.Grain.GetAuditTrailAsync();
        await user.Grain.SignOutEverywhereAsync(oncall, keepCurrent: false);
        var afterSuccess = await user.Grain.GetAuditTrailAsync();

        Assert.False(await user.IsValidAsync(browser.SessionToken!));
        Assert.DoesNotContain(afterFailure, e => e.Kind is AuditEventKind.AdminAction or AuditEventKind.SignedOutEverywhere);
        Assert.Equal(
            [(AuditEventKind.AdminAction, "operator 'oncall': sign out everywhere"), (AuditEventKind.SignedOutEverywhere, "1 sessions, 0 API tokens")],
            afterSuccess[^2..].Select(e => (e.Kind, e.Detail)));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    public async Task CreatingATokenWithAScopeThatDoesNotExistIsRejected(int scopes)
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();

        var result = await user.Grain.CreateApiTokenAsync(browser.SessionId, "job", null, (ApiTokenScopes)scopes);

        Assert.Equal(ApiTokenOutcome.Rejected, result.Outcome);
        Assert.Empty((await user.Grain.ListApiTokensAsync(Actor.Credential(browser.SessionId)))!);
    }

    [Fact]
    public async Task ATokenStoredBeforeScopesExistedKeepsEveryScopeItWasIssuedWithAndIsListedSo()
    {
        var services = Grid.Cluster.GetSiloServiceProvider(Grid.Cluster.Silos[0].SiloAddress);
        var userId = Guid.NewGuid();
        var grain = Grid.Client.GetGrain<IUserGrain>(GridIds.Format(userId));
        var seed = new UserSeed(services.GetRequiredService<TokenCodec>(), services.GetRequiredService<IOptions<SessionOptions>>().Value, Grid.Clock.GetUtcNow());
        var state = seed.Register($"u{userId:N}", (await services.GetRequiredService<PasswordHashing>().HashAsync(TestUser.Password))!);
        var token = seed.CreateApiToken(state, userId, "nightly export, 2025");
        var record = Assert.Single(state.ApiTokens);
        record.Value.Scopes = ApiTokenScopes.None;   // what a record written before [Id(6)] existed reads back as
        await services.GetRequiredKeyedService<IGrainStorage>(SessionGrid.StorageName)
            .WriteStateAsync(UserState.StateName, grain.GetGrainId(), new GrainState<UserState>(state));

        var verdict = await grain.ValidateAsync(token);
        var listed = await grain.ListApiTokensAsync(Actor.Credential(GridIds.Format(record.Key)));

        Assert.True(verdict.IsValid);
        Assert.Equal(ApiTokenRules.EveryScope, verdict.Scopes);
        Assert.Equal(ApiTokenRules.EveryScope, Assert.Single(listed!).Scopes);
    }
}
