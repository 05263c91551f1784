using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Interop;

/// <summary>
/// A real nginx on loopback protecting <see cref="EchoApp"/> with <c>auth_request</c> to the grid's
/// <c>/auth/check</c> (the server block in <see cref="ForwardAuthServerBlock"/>), and proxying <c>/auth/</c> to the
/// grid, which trusts X-Forwarded-For from loopback (where nginx connects from).
/// </summary>
public sealed class NginxFixture : IAsyncLifetime
{
    private WebGrid? _grid;
    private EchoApp? _app;
    private Nginx? _nginx;

    public WebGrid Grid => _grid!;

    public EchoApp App => _app!;

    public Nginx Nginx => _nginx!;

    /// <summary>Where browsers without a valid session are sent.</summary>
    public string SignInUrl => Grid.ServerAddress!.ToString();

    public async ValueTask InitializeAsync()
    {
        _grid = WebGrid.StartOnKestrel(new Dictionary<string, string?> { ["Sessions:Web:TrustedProxies:0"] = "127.0.0.1" });
        _app = await EchoApp.StartAsync();
        var port = FreePorts.Next();
        _nginx = await Nginx.StartAsync(port, ForwardAuthServerBlock.For(port, _app.Port, _grid.ServerAddress!.Port, SignInUrl));
    }

    public async ValueTask DisposeAsync()
    {
        _nginx?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_grid is not null)
        {
            await _grid.DisposeAsync();
        }
    }
}
