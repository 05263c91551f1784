using Microsoft.Playwright;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Events;

/// <summary>
/// The page's live sign-out in Chromium (docs/threat-model.md, T65): two browser contexts are two devices of one
/// person; one presses "Sign out everywhere" and the other, with no action of its own, shows the sign-in form.
/// </summary>
public sealed class LiveSignOutInTheBrowserTests : IAsyncLifetime
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
    public async Task WhenOneDeviceSignsOutEverywhereTheOtherShowsTheSignInFormWithoutAnyClick()
    {
        var username = await Devices.Grid.RegisterAsync();
        var laptop = await Devices.SignInAsync(username);
        var phone = await Devices.SignInAsync(username);
        await Assertions.Expect(phone.Locator("html[data-live-sign-out=on]")).ToHaveCountAsync(1);

        await LivePages.SignOutEverywhereAndSeeTheOtherSignedOutAsync(laptop, phone, "one front end");

        await phone.ReloadAsync();
        await Assertions.Expect(phone.GetByLabel("Username")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task APageWhoseSessionIsEndedFromAnotherDeviceShowsTheSignInFormAndTheOtherPageStays()
    {
        var username = await Devices.Grid.RegisterAsync();
        var laptop = await Devices.SignInAsync(username);
        var phone = await Devices.SignInAsync(username);
        await Assertions.Expect(phone.Locator("html[data-live-sign-out=on]")).ToHaveCountAsync(1);
        await laptop.ReloadAsync();
        var phoneRow = laptop.Locator("#sessions tr").Filter(new() { HasNotText = "This device" });

        await phoneRow.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("You were signed out");
        await Assertions.Expect(laptop.Locator("#sessions tr")).ToHaveCountAsync(1);
        await Assertions.Expect(laptop.GetByRole(AriaRole.Heading, new() { Name = "Your sessions" })).ToBeVisibleAsync();
    }
}
