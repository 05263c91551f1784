using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Federation.Grains;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Lifecycle;

/// <summary>Every write of federation and the account lifecycle fails closed: the caller gets
/// <see cref="SessionStoreUnavailableException"/>, nothing is acknowledged, and the grain then serves what storage holds
/// (docs/threat-model.md, H1).</summary>
[Collection(SharedCluster.Name)]
public sealed class LifecycleStorageFaultTests(ClusterFixture fixture)
{
    private GridCluster Grid => fixture.Grid;

    [Fact]
    public async Task ADisableThatCannotBeWrittenFailsAndChangesNothing()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();

        await FailNextWriteAsync(user.Grain, () => user.Grain.DisableAsync(TestUser.Operator));

        Assert.True(await user.IsValidAsync(browser.SessionToken!));
        Assert.False((await user.Grain.GetAccountAsync())!.Disabled);
        Assert.Equal(LifecycleOutcome.Done, (await user.Grain.DisableAsync(TestUser.Operator)).Outcome);
    }

    [Fact]
    public async Task AnEnableThatCannotBeWrittenLeavesTheAccountDisabled()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        await user.Grain.DisableAsync(TestUser.Operator);

        await FailNextWriteAsync(user.Grain, () => user.Grain.EnableAsync(TestUser.Operator));

        Assert.True((await user.Grain.GetAccountAsync())!.Disabled);
        Assert.Equal(SignInResult.Invalid, await user.SignInAsync(CredentialKind.Browser));
    }

    [Fact]
    public async Task AUsernameClaimThatCannotBeWrittenIsNotAcknowledged()
    {
        var name = Grid.Client.GetGrain<Sessions.Grains.Abstractions.Accounts.IUsernameGrain>($"u{Guid.NewGuid():N}");
        var userId = GridIds.Format(Guid.NewGuid());

        await FailNextWriteAsync(name, () => name.ClaimAsync(userId));

        Assert.Null(await name.GetUserIdAsync());
        Assert.True(await name.ClaimAsync(userId));
        Assert.False(await name.ClaimAsync(GridIds.Format(Guid.NewGuid())));
    }

    [Fact]
    public async Task AFederatedSignInThatCannotBeWrittenIssuesNothing()
    {
        var person = new FederatedPerson(Grid.Client);
        await person.SignInBrowserAsync();
        var user = await person.UserAsync();

        await FailNextWriteAsync(user, () => person.SignInAsync());

        Assert.Single((await user.ListSessionsAsync(TestUser.Operator))!);
    }

    [Fact]
    public async Task ADeleteWhoseStateCannotBeRemovedIsFinishedByItsRetry()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        await FailNextWriteAsync(user.Name, () => user.Grain.DeleteAsync(TestUser.Operator));

        await FailNextWriteAsync(user.Grain, () => user.Grain.DeleteAsync(TestUser.Operator));

        Assert.False(await user.IsValidAsync(browser.SessionToken!));
        Assert.Null(await user.Name.GetUserIdAsync());
        Assert.True((await user.Grain.GetAccountAsync())!.Disabled);
        Assert.Equal(LifecycleOutcome.Done, (await user.Grain.DeleteAsync(TestUser.Operator)).Outcome);
        Assert.Null(await user.Grain.GetAccountAsync());
    }

    /// <summary>Makes the next write of <paramref name="grain"/> fail during <paramref name="call"/>, expects the failure,
    /// and waits for the poisoned activation to go.</summary>
    private async Task FailNextWriteAsync(IAddressable grain, Func<Task> call)
    {
        var deactivated = Grid.Cluster.WaitForDeactivationAsync(grain);
        Grid.Faults.Arm(grain.GetGrainId(), FaultPoint.BeforeWrite);
        await Assert.ThrowsAsync<SessionStoreUnavailableException>(call);
        await deactivated;
    }
}
