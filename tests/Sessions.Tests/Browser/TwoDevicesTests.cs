using Microsoft.Playwright;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Browser;

/// <summary>
/// The web page in a real browser: two browser contexts are two devices signed in as the same person. "Sign out
/// everywhere" on one; the other shows the sign-in form (live, without an action of its own: Events/).
/// </summary>
public sealed class TwoDevicesTests : IAsyncLifetime
{
    private BrowserDevices? _devices;

    private BrowserDevices Devices => _devices!;

    private WebGrid Grid => Devices.Grid;

    public async ValueTask InitializeAsync() => _devices = await BrowserDevices.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_devices is not null)
        {
            await _devices.DisposeAsync();
        }
    }

    [Fact]
    public async Task SigningOutEverywhereOnOneDeviceSendsTheOtherBackToTheSignInForm()
    {
        var username = await Grid.RegisterAsync();
        var laptop = await Devices.SignInAsync(username);
        var phone = await Devices.SignInAsync(username);
        await laptop.ReloadAsync();
        await Assertions.Expect(laptop.Locator("#sessions tr")).ToHaveCountAsync(2);
        await Assertions.Expect(laptop.GetByText("This device")).ToHaveCountAsync(1);

        await laptop.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere", Exact = true }).ClickAsync();

        await Assertions.Expect(laptop.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Assertions.Expect(laptop.GetByRole(AriaRole.Status)).ToContainTextAsync("Signed out everywhere: 2 session(s)");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Your sessions" })).ToBeHiddenAsync();
        await phone.ReloadAsync();
        await Assertions.Expect(phone.GetByLabel("Username")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task APersonCanRegisterSeeTheirDevicesCreateAnApiTokenAndSignOneDeviceOut()
    {
        var page = await Devices.NewDeviceAsync();
        var username = $"u{Guid.NewGuid():N}"[..20];
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(TestUser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your sessions" })).ToBeVisibleAsync();
        var other = await Devices.SignInAsync(username);

        await page.GetByLabel("Token name").FillAsync("backup job");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("New API token")).ToContainTextAsync("sgk_");
        await page.ReloadAsync();
        var otherRow = page.Locator("#sessions tr").Filter(new() { HasNotText = "This device" });
        await otherRow.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(page.Locator("#sessions tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#tokens tr")).ToHaveCountAsync(1);
        await other.ReloadAsync();
        await Assertions.Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Grid.DataDirectory, "signed-in.png"), FullPage = true });
    }
}
