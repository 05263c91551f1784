using System.Net;
using Microsoft.Playwright;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Hardening;

/// <summary>
/// T25 (docs/threat-model.md) in a real browser: when sign-out-everywhere cannot be made durable the page says so and never
/// pretends it happened (no sign-in form, no "Signed out everywhere"); pressing the button again succeeds.
/// </summary>
public sealed class SignOutEverywhereFailureInTheBrowserTests : IAsyncLifetime
{
    private BrowserDevices? _devices;

    private BrowserDevices Devices => _devices!;

    private WebGrid Grid => Devices.Grid;

    public async ValueTask InitializeAsync() => _devices = await BrowserDevices.StartAsync(injectStorageFaults: true);

    public async ValueTask DisposeAsync()
    {
        if (_devices is not null)
        {
            await _devices.DisposeAsync();
        }
    }

    [Fact]
    public async Task AFailedSignOutEverywhereShowsAnErrorInsteadOfTheSignInFormAndTheSecondPressSucceeds()
    {
        var username = await Grid.RegisterAsync();
        var phone = await Grid.SignInAppAsync(username);
        using var phoneClient = Grid.Bearer(phone.AccessToken);
        var page = await Devices.SignInAsync(username);
        var signOutEverywhere = page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere", Exact = true });
        Grid.Faults!.Arm(Grid.UserGrainId(phone.UserId), FaultPoint.BeforeWrite);

        await signOutEverywhere.ClickAsync();

        var status = page.GetByRole(AriaRole.Status);
        await Assertions.Expect(status).ToContainTextAsync("Sign-out everywhere was not confirmed");
        await Assertions.Expect(status).ToContainTextAsync("try again");
        await Assertions.Expect(status).ToHaveClassAsync("error");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your sessions" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Signed out everywhere")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.OK, await phoneClient.MeAsync());

        await signOutEverywhere.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Assertions.Expect(status).ToContainTextAsync("Signed out everywhere: 2 session(s)");
        Assert.Equal(HttpStatusCode.Unauthorized, await phoneClient.MeAsync());
    }
}
