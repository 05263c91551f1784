using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Hardening;

/// <summary>
/// Checklist T25 in a real browser: when sign-out-everywhere cannot be made durable the page says so and never
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
        using var http = new HttpClient { BaseAddress = Grid.ServerAddress };
        var username = $"u{Guid.NewGuid():N}"[..20];
        (await http.PostAsJsonAsync("/auth/register", new { username, password = Api.Password }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var phone = (await (await http.PostAsJsonAsync("/auth/login", new { username, password = Api.Password, client = "app" }, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<AppTokens>(TestContext.Current.CancellationToken))!;
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
        Assert.Equal(HttpStatusCode.OK, await MeAsync(http, phone.AccessToken));

        await signOutEverywhere.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Assertions.Expect(status).ToContainTextAsync("Signed out everywhere: 2 session(s)");
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(http, phone.AccessToken));
    }

    private static async Task<HttpStatusCode> MeAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
