namespace Sessions.Tests.Signals;

/// <summary>One <see cref="SignalGrid"/> (a healthy receiver) for the tests of a class; each test makes its own user.</summary>
public sealed class SignalGridFixture : IAsyncLifetime
{
    private SignalGrid? _signals;

    public SignalGrid Signals => _signals ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() => _signals = await SignalGrid.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_signals is not null)
        {
            await _signals.DisposeAsync();
        }
    }
}
