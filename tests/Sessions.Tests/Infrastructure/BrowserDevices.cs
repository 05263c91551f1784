using Microsoft.Playwright;

namespace Sessions.Tests.Infrastructure;

/// <summary>
/// The web front end on Kestrel and Debian's Chromium: every new browser context is a separate device (its own
/// cookie jar) on the page at <c>/</c>.
/// </summary>
public sealed class BrowserDevices : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserDevices(WebGrid grid, IPlaywright playwright, IBrowser browser)
    {
        Grid = grid;
        _playwright = playwright;
        _browser = browser;
    }

    public WebGrid Grid { get; }

    public static async Task<BrowserDevices> StartAsync(bool injectStorageFaults = false)
    {
        var grid = WebGrid.StartOnKestrel(injectStorageFaults: injectStorageFaults);
        IPlaywright? playwright = null;
        try
        {
            playwright = await Playwright.CreateAsync();
            return new BrowserDevices(grid, playwright, await Chromium.LaunchAsync(playwright));
        }
        catch
        {
            playwright?.Dispose();
            await grid.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new device with the page open.</summary>
    public async Task<IPage> NewDeviceAsync()
    {
        var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Grid.ServerAddress!.ToString());
        return page;
    }

    /// <summary>A new device signed in through the page's form, showing "Your sessions".</summary>
    public async Task<IPage> SignInAsync(string username)
    {
        var page = await NewDeviceAsync();
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(TestUser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your sessions" })).ToBeVisibleAsync();
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await Grid.DisposeAsync();
    }
}
