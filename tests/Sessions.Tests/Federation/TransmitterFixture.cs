namespace Sessions.Tests.Federation;

/// <summary>One transmitter key set served on loopback for the tests of a class; <see cref="OtherKey"/> is never published.</summary>
public sealed class TransmitterFixture : IAsyncLifetime
{
    private TestJwksServer? _jwks;

    public TestJwksServer Jwks => _jwks ?? throw new InvalidOperationException("The key server has not started.");

    public TestKeyPair Key { get; private set; } = null!;

    public TestKeyPair OtherKey { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Key = await TestKeyPair.NewAsync("ES256");
        OtherKey = await TestKeyPair.NewAsync("RS256");
        _jwks = await TestJwksServer.StartAsync(TestKeyPair.PublicSetOf(Key));
    }

    public async ValueTask DisposeAsync()
    {
        if (_jwks is not null)
        {
            await _jwks.DisposeAsync();
        }
    }
}
