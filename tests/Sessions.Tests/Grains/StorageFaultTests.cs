using Microsoft.Data.Sqlite;
using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Grains;

/// <summary>
/// A write that fails is never acknowledged, and afterwards the grain serves exactly what storage holds: never
/// "revoked in memory only, then resurrected" (docs/threat-model.md, H1, T19, T20).
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class StorageFaultTests(ClusterFixture fixture)
{
    private GridCluster Grid => fixture.Grid;

    [Fact]
    public async Task SignOutEverywhereThatCannotBeWrittenFailsAndChangesNothing()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        var activation = ActivationOf(user);
        var deactivated = Grid.Cluster.WaitForDeactivationAsync(user.Grain);
        Grid.Faults.Arm(user.Grain.GetGrainId(), FaultPoint.BeforeWrite);

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false));
        await deactivated;

        Assert.True(await user.IsValidAsync(browser.SessionToken!));
        Assert.NotEqual(activation, ActivationOf(user));
        var retry = (await user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false))!;
        Assert.Equal(1, retry.RevokedSessions);
        Assert.False(await user.IsValidAsync(browser.SessionToken!));
    }

    [Fact]
    public async Task SignOutEverywhereWithAnIndeterminateWriteIsSafeToRetry()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        var deactivated = Grid.Cluster.WaitForDeactivationAsync(user.Grain);
        Grid.Faults.Arm(user.Grain.GetGrainId(), FaultPoint.AfterWrite);

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false));
        await deactivated;

        Assert.False(await user.IsValidAsync(browser.SessionToken!));
        await user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false);
        Assert.False(await user.IsValidAsync(browser.SessionToken!));
    }

    [Fact]
    public async Task ValidationBesideAnUnwrittenRevocationDeniesAndAFailedRevocationLeavesWhatStorageHolds()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        var deactivated = Grid.Cluster.WaitForDeactivationAsync(user.Grain);
        var write = Grid.Faults.HoldNextWrite(user.Grain.GetGrainId());

        var signOut = user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false);
        await write.Reached;
        var beside = await user.Grain.ValidateAsync(browser.SessionToken!);
        write.Release(fail: true);

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => signOut);
        await deactivated;
        Assert.Equal(ValidationOutcome.Denied, beside.Outcome);
        Assert.True(await user.IsValidAsync(browser.SessionToken!));
    }

    [Fact]
    public async Task RefreshThatCannotBeWrittenHandsOutNothingAndTheOldTokenStillWorks()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var app = await user.SignInAppAsync();
        var deactivated = Grid.Cluster.WaitForDeactivationAsync(user.Grain);
        Grid.Faults.Arm(user.Grain.GetGrainId(), FaultPoint.BeforeWrite);

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => user.Grain.RefreshAsync(app.RefreshToken!));
        await deactivated;

        Assert.True(await user.IsValidAsync(app.AccessToken!));
        Assert.Equal(RefreshOutcome.Refreshed, (await user.Grain.RefreshAsync(app.RefreshToken!)).Outcome);
    }

    [Fact]
    public async Task SignInThatCannotBeWrittenIssuesNoSession()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        await user.Grain.ListSessionsAsync(TestUser.Operator);
        var deactivated = Grid.Cluster.WaitForDeactivationAsync(user.Grain);
        Grid.Faults.Arm(user.Grain.GetGrainId(), FaultPoint.BeforeWrite);

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => user.SignInAsync(CredentialKind.Browser));
        await deactivated;

        Assert.Empty((await user.Grain.ListSessionsAsync(TestUser.Operator))!);
    }

    [Fact]
    public async Task VersionConflictDeactivatesReloadsAndTheRetryRevokes()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        var deactivated = Grid.Cluster.WaitForDeactivationAsync(user.Grain);
        await BumpStoredVersionAsync(user.UserId);

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false));
        await deactivated;

        Assert.True(await user.IsValidAsync(browser.SessionToken!));
        await user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false);
        Assert.False(await user.IsValidAsync(browser.SessionToken!));
    }

    [Fact]
    public async Task ActivationThatCannotReadStateServesNothing()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        await Grid.Cluster.DeactivateAsync(user.Grain);
        Grid.Faults.Arm(user.Grain.GetGrainId(), FaultPoint.BeforeRead);

        await Assert.ThrowsAnyAsync<Exception>(() => user.Grain.ValidateAsync(browser.SessionToken!).AsTask());

        Assert.True(await user.IsValidAsync(browser.SessionToken!));
    }

    private ActivationId? ActivationOf(TestUser user) =>
        Grid.Cluster.TryGetGrainContext(user.Grain.GetGrainId(), out var context) ? context.ActivationId : null;

    private async Task BumpStoredVersionAsync(string userId)
    {
        await using var connection = new SqliteConnection(Grid.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // Orleans stores a key that parses as a GUID as two 64-bit halves.
        var bytes = Guid.ParseExact(userId, "N").ToByteArray();
        command.CommandText = "UPDATE OrleansStorage SET Version = Version + 1 WHERE GrainTypeString = 'user' AND GrainIdN0 = $n0 AND GrainIdN1 = $n1";
        command.Parameters.AddWithValue("$n0", BitConverter.ToInt64(bytes, 0));
        command.Parameters.AddWithValue("$n1", BitConverter.ToInt64(bytes, 8));
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
