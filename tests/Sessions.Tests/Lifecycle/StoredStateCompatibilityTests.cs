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

namespace Sessions.Tests.Lifecycle;

/// <summary>A user stored before accounts had an explicit existence (no <c>Created</c>, no <c>Disabled</c>, no
/// links) reads back as the account it was: its password hash says it exists.</summary>
[Collection(SharedCluster.Name)]
public sealed class StoredStateCompatibilityTests(ClusterFixture fixture)
{
    private GridCluster Grid => fixture.Grid;

    [Fact]
    public async Task AnAccountStoredBeforeExistenceWasExplicitSignsInAndCanBeDisabledAndDeleted()
    {
        var services = Grid.Cluster.GetSiloServiceProvider(Grid.Cluster.Silos[0].SiloAddress);
        var userId = Guid.NewGuid();
        var grain = Grid.Client.GetGrain<IUserGrain>(GridIds.Format(userId));
        var seed = new UserSeed(services.GetRequiredService<TokenCodec>(), services.GetRequiredService<IOptions<SessionOptions>>().Value, Grid.Clock.GetUtcNow());
        var state = seed.Register($"u{userId:N}", (await services.GetRequiredService<PasswordHashing>().HashAsync(TestUser.Password))!);
        state.Created = false;   // what a state written before [Id(9)] existed reads back as
        await services.GetRequiredKeyedService<IGrainStorage>(SessionGrid.StorageName)
            .WriteStateAsync(UserState.StateName, grain.GetGrainId(), new GrainState<UserState>(state));

        var account = await grain.GetAccountAsync();
        var signIn = await grain.SignInAsync(TestUser.Password, new SignInRequest(CredentialKind.Browser, null, "127.0.0.1", "tests"));
        var disable = await grain.DisableAsync(TestUser.Operator);
        var delete = await grain.DeleteAsync(TestUser.Operator);

        Assert.False(account!.Disabled);
        Assert.Empty(account.Identities!);
        Assert.Equal(SignInOutcome.SignedIn, signIn.Outcome);
        Assert.Equal(new LifecycleResult(LifecycleOutcome.Done, 1, 0), disable);
        Assert.Equal(LifecycleOutcome.Done, delete.Outcome);
        Assert.False((await grain.ValidateAsync(signIn.Session!.SessionToken!)).IsValid);
        Assert.Null(await grain.GetAccountAsync());
    }
}
