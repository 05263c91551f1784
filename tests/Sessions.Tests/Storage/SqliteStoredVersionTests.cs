using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Hosting;
using Sessions.Grains.Storage;
using Sessions.Grains.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Storage;

/// <summary>The version-only read on the embedded SQLite store (where the recheck is off by default, but may be turned
/// on): the ETag a full read gives, through the write queue's thread hop.</summary>
[Collection(SharedCluster.Name)]
public sealed class SqliteStoredVersionTests(ClusterFixture fixture)
{
    private GridCluster Grid => fixture.Grid;

    [Fact]
    public async Task TheVersionOfAUserAfterSeveralWritesIsTheETagAFullReadGives()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        await user.SignInAppAsync();
        await user.Grain.EndSessionAsync(TestUser.Operator, browser.SessionId);
        var storage = Grid.Cluster.GetSiloServiceProvider(Grid.Cluster.Silos[0].SiloAddress)
            .GetRequiredKeyedService<IGrainStorage>(SessionGrid.StorageName);

        var version = await storage.ReadStoredVersionAsync<UserState>(UserState.StateName, user.Grain.GetGrainId(), CancellationToken.None);
        var fullRead = new GrainState<UserState>();
        await storage.ReadStateAsync(UserState.StateName, user.Grain.GetGrainId(), fullRead);
        var absent = await storage.ReadStoredVersionAsync<UserState>(
            UserState.StateName, Grid.Client.GetGrain<IUserGrain>(GridIds.Format(Guid.NewGuid())).GetGrainId(), CancellationToken.None);

        Assert.NotNull(version);
        Assert.Equal(fullRead.ETag, version);
        Assert.Null(absent);
    }
}
