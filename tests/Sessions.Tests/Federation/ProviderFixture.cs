namespace Sessions.Tests.Federation;

/// <summary>One real provider for the tests of a class, signing with <see cref="Key"/>; <see cref="OtherKey"/> is a key
/// it never published.</summary>
public sealed class ProviderFixture : IAsyncLifetime
{
    private TestProvider? _provider;

    public TestProvider Provider => _provider ?? throw new InvalidOperationException("The provider has not started.");

    public TestKeyPair Key { get; private set; } = null!;

    public TestKeyPair OtherKey { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Key = await TestKeyPair.NewAsync("RS256");
        OtherKey = await TestKeyPair.NewAsync("ES256");
        _provider = await TestProvider.StartAsync([Key]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }
}
