using Microsoft.Extensions.DependencyInjection;
using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>
/// A real provider (tests/idp/provider.mjs, signing with <see cref="Key"/>) and a web front end configured with it as
/// provider <c>test</c> (and with provider <c>down</c>, which never answers), its storage open to injected faults. Federated sessions are opened through the external
/// identity grain exactly as the sign-in callback opens them, each test with its own person and provider session.
/// </summary>
public sealed class FederatedWebGridFixture : IAsyncLifetime
{
    private TestProvider? _provider;
    private WebGrid? _grid;

    public TestProvider Provider => _provider ?? throw new InvalidOperationException("The provider has not started.");

    public TestKeyPair Key { get; private set; } = null!;

    public TestKeyPair OtherKey { get; private set; } = null!;

    public WebGrid Grid => _grid ?? throw new InvalidOperationException("The grid has not started.");

    public StorageFaults Faults => Grid.Faults!;

    private IGrainFactory Grains => Grid.Services.GetRequiredService<IGrainFactory>();

    public async ValueTask InitializeAsync()
    {
        Key = await TestKeyPair.NewAsync("RS256");
        OtherKey = await TestKeyPair.NewAsync("ES256");
        // The in-memory grid's address: the redirect URI it sends (the provider checks it, in a pushed request too).
        _provider = await TestProvider.StartAsync([Key], grid: new Uri("https://localhost"));
        // Provider "down" names a loopback port nobody listens on: its metadata can never be fetched.
        var settings = Provider.Settings();
        foreach (var (name, value) in TestProvider.SettingsFor($"http://127.0.0.1:{FreePorts.Next()}", "down"))
        {
            settings[name] = value;
        }

        _grid = new WebGrid(settings, injectStorageFaults: true);
    }

    /// <summary>Signs <paramref name="subject"/> in as the callback would after provider session <paramref name="sid"/>.</summary>
    public async Task<IssuedSession> SignInAsync(string subject, string? sid, CredentialKind kind = CredentialKind.Browser)
    {
        var identity = new ExternalIdentity(Provider.Issuer, subject);
        var request = new FederatedSignIn("test", identity, subject, sid, Grid.Clock.GetUtcNow(), new SignInRequest(kind, null, "127.0.0.1", "tests"));
        var result = await Grains.GetGrain<IExternalIdentityGrain>(ExternalIdentities.GrainKey(identity)).SignInAsync(request);
        Assert.Equal(SignInOutcome.SignedIn, result.Outcome);
        return result.Session!;
    }

    /// <summary>The grain id of the user <paramref name="session"/> belongs to, to arm storage faults for it.</summary>
    public GrainId UserGrainOf(IssuedSession session) => Grid.UserGrainId(session.UserId);

    /// <summary>Whether the replay record holds <paramref name="jti"/> of this provider.</summary>
    public Task<bool> IsRecordedAsync(string jti) =>
        Grains.GetGrain<IReplayRecordGrain>(ReplayRecords.GrainKey(Provider.Issuer, jti)).ContainsAsync(jti);

    public async ValueTask DisposeAsync()
    {
        if (_grid is not null)
        {
            await _grid.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }
}
