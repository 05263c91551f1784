namespace Sessions.Tests.Infrastructure;

/// <summary>One web front end whose co-hosted silo's storage can be made to fail (see <see cref="WebGrid.Faults"/>),
/// shared by the tests of one class; every test makes its own user, so faults armed for it touch no other test.</summary>
public sealed class FaultInjectingWebGridFixture() : WebGridFixture(new WebGrid(injectStorageFaults: true))
{
    public StorageFaults Faults => Grid.Faults!;
}
