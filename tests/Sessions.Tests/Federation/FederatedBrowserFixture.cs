using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>
/// The grid on Kestrel with two real providers (tests/idp/provider.mjs, oidc-provider 9) and Debian's Chromium:
/// provider <c>idp</c> ("Example IdP") whose logout ends its own sessions, and provider <c>corp</c> ("Corp SSO")
/// configured <c>OnProviderLogout=Everywhere</c>. Each provider registers the grid's callback and back-channel logout
/// URIs. Their ports are chosen first, so the grid starts knowing their issuers; it fetches their metadata on first use.
/// </summary>
public sealed class FederatedBrowserFixture : IAsyncLifetime
{
    public const string SessionsProvider = "idp";
    public const string SessionsDisplayName = "Example IdP";
    public const string EverywhereProvider = "corp";
    public const string EverywhereDisplayName = "Corp SSO";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public WebGrid Grid { get; private set; } = null!;

    public TestProvider Sessions { get; private set; } = null!;

    public TestProvider Everywhere { get; private set; } = null!;

    private IGrainFactory Grains => Grid.Services.GetRequiredService<IGrainFactory>();

    public async ValueTask InitializeAsync()
    {
        var key = await TestKeyPair.NewAsync("RS256");
        var sessionsPort = FreePorts.Next();
        var everywherePort = FreePorts.Next();
        var settings = TestProvider.SettingsFor(Issuer(sessionsPort), SessionsProvider);
        settings[$"Sessions:Federation:Providers:{SessionsProvider}:DisplayName"] = SessionsDisplayName;
        foreach (var (name, value) in TestProvider.SettingsFor(Issuer(everywherePort), EverywhereProvider))
        {
            settings[name] = value;
        }

        settings[$"Sessions:Federation:Providers:{EverywhereProvider}:DisplayName"] = EverywhereDisplayName;
        settings[$"Sessions:Federation:Providers:{EverywhereProvider}:OnProviderLogout"] = "Everywhere";
        Grid = WebGrid.StartOnKestrel(settings);
        // The providers run on real time, and ID and logout tokens are judged by their iat: the grid's clock starts
        // there too, before any credential is issued. Set later, the jump from TestClock.Start would expire the
        // credentials a test made before it (a 90-day API token among them).
        SyncClock();
        Sessions = await TestProvider.StartAsync([key], sessionsPort, Grid.ServerAddress, SessionsProvider);
        Everywhere = await TestProvider.StartAsync([key], everywherePort, Grid.ServerAddress, EverywhereProvider);
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>A new browser (its own cookie jar) on the grid's page.</summary>
    public async Task<IPage> NewBrowserAsync()
    {
        var context = await _browser!.NewContextAsync();
        await Chromium.KeepToLoopbackAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Grid.ServerAddress!.ToString());
        return page;
    }

    /// <summary>The grid's clock (which judges logout tokens' iat) set to real time, as the provider's is.</summary>
    public void SyncClock()
    {
        var now = DateTimeOffset.UtcNow;
        if (now > Grid.Clock.GetUtcNow())
        {
            Grid.Clock.SetUtcNow(now);
        }
    }

    /// <summary>An app session of the person <paramref name="login"/> of <paramref name="provider"/> (no provider
    /// session), opened through their external identity as a native app's federated sign-in would be.</summary>
    public async Task<IssuedSession> SignInAppAsync(TestProvider provider, string providerName, string login)
    {
        var identity = new ExternalIdentity(provider.Issuer, login);
        var request = new FederatedSignIn(providerName, identity, login, null, Grid.Clock.GetUtcNow(), new SignInRequest(CredentialKind.App, "phone", "127.0.0.1", "tests"));
        var result = await Grains.GetGrain<IExternalIdentityGrain>(ExternalIdentities.GrainKey(identity)).SignInAsync(request);
        Assert.Equal(SignInOutcome.SignedIn, result.Outcome);
        return result.Session!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Sessions is not null)
        {
            await Sessions.DisposeAsync();
        }

        if (Everywhere is not null)
        {
            await Everywhere.DisposeAsync();
        }

        if (Grid is not null)
        {
            await Grid.DisposeAsync();
        }
    }

    private static string Issuer(int port) => $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
}
