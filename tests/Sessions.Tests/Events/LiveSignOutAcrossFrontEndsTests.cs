using Microsoft.Playwright;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Events;

/// <summary>
/// Live sign-out in a cluster (docs/threat-model.md, T65): two front ends, pure Orleans clients of two silos on
/// PostgreSQL; one device on each. The front end holding the second device's stream learns of the sign-out made
/// through the other one from the user's grain (an observer notification), whichever silo hosts it.
/// </summary>
[Collection(PostgresGrid.Collection)]
public sealed class LiveSignOutAcrossFrontEndsTests(PostgresServer server) : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    [Fact]
    public async Task WhenADeviceOnOneFrontEndSignsOutEverywhereADeviceOnAnotherShowsTheSignInFormWithoutAnyClick()
    {
        var settings = TestSettings.PostgreSQL(await server.CreateDatabaseAsync(), clusterId: $"c{Guid.NewGuid():N}");
        using var firstSilo = await GridHosts.StartSiloAsync(settings);
        using var secondSilo = await GridHosts.StartSiloAsync(settings);
        var frontEnd = new Dictionary<string, string?>(settings) { ["Sessions:Web:Silo"] = "External" };
        await using var east = WebGrid.StartOnKestrel(frontEnd);
        await using var west = WebGrid.StartOnKestrel(frontEnd);
        var username = await east.RegisterAsync();
        var laptop = await LivePages.SignInAsync(_browser!, east, username);
        var phone = await LivePages.SignInAsync(_browser!, west, username);

        await LivePages.SignOutEverywhereAndSeeTheOtherSignedOutAsync(laptop, phone, "two front ends, two silos");

        await phone.ReloadAsync();
        await Assertions.Expect(phone.GetByLabel("Username")).ToBeVisibleAsync();
        await firstSilo.StopAsync(TestContext.Current.CancellationToken);
        await secondSilo.StopAsync(TestContext.Current.CancellationToken);
    }
}
