using Microsoft.Playwright;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Browser;

/// <summary>
/// The page in a real browser: a person chooses what a new API token may do — by default only prove who it is — and
/// the token list shows it for every token (docs/threat-model.md, B25).
/// </summary>
public sealed class ApiTokenScopesInThePageTests : IAsyncLifetime
{
    private BrowserDevices? _devices;

    private BrowserDevices Devices => _devices!;

    public async ValueTask InitializeAsync() => _devices = await BrowserDevices.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_devices is not null)
        {
            await _devices.DisposeAsync();
        }
    }

    [Fact]
    public async Task APersonChoosesWhatATokenMayDoAndTheListShowsIt()
    {
        var page = await Devices.SignInAsync(await Devices.Grid.RegisterAsync());
        var manage = page.GetByLabel("Manage your sessions", new() { Exact = false });

        await page.GetByLabel("Token name").FillAsync("nightly report");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("It may prove who it is.");
        await page.GetByLabel("Token name").FillAsync("session janitor");
        await manage.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("It may prove who it is, manage your sessions.");
        await page.ReloadAsync();

        var rows = page.Locator("#tokens tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Filter(new() { HasText = "nightly report" }).Locator("td").Nth(1)).ToHaveTextAsync("prove who it is");
        await Assertions.Expect(rows.Filter(new() { HasText = "session janitor" }).Locator("td").Nth(1))
            .ToHaveTextAsync("prove who it is, manage your sessions");
        await Assertions.Expect(page.GetByLabel("Manage your sessions", new() { Exact = false })).Not.ToBeCheckedAsync();
    }
}
