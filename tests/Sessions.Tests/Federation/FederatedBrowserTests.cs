using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>
/// Sign-in through a real OpenID Provider in a real browser, and the provider's logout reaching the grid (issue 12,
/// items 1-2; docs/threat-model.md, T51): the person signs in with the provider's own pages, the grid session works and
/// is listed with its provider; ending the session at the provider's end-session page sends its back-channel logout,
/// and the browser's next request is 401. With <c>OnProviderLogout=Sessions</c> the user's API token and app session
/// live on; with <c>Everywhere</c> they die too. The time from the confirmation to the refusal is written to the
/// test output (measured, not asserted).
/// </summary>
public sealed class FederatedBrowserTests(FederatedBrowserFixture fixture) : IClassFixture<FederatedBrowserFixture>
{
    private WebGrid Grid => fixture.Grid;

    [Fact]
    public async Task SigningInWithTheProviderGivesAGridSessionListedWithItsProviderThatCanCreateApiTokens()
    {
        var page = await fixture.NewBrowserAsync();

        await ProviderPages.SignInAsync(page, FederatedBrowserFixture.SessionsDisplayName, NewLogin());

        await Assertions.Expect(page.Locator("#sessions tr")).ToContainTextAsync($"Browser via {FederatedBrowserFixture.SessionsDisplayName}");
        Assert.Equal((int)HttpStatusCode.OK, (await page.Context.APIRequest.GetAsync(MeUrl)).Status);
        using var apiToken = Grid.Bearer(await CreateApiTokenAsync(page));
        Assert.Equal(HttpStatusCode.OK, await apiToken.MeAsync());
    }

    [Fact]
    public async Task EndingTheProviderSessionSignsThatBrowserOutOnItsNextRequestWhileTheUsersApiTokenAndAppLiveOn()
    {
        var login = NewLogin();
        var page = await fixture.NewBrowserAsync();
        await ProviderPages.SignInAsync(page, FederatedBrowserFixture.SessionsDisplayName, login);
        using var apiToken = Grid.Bearer(await CreateApiTokenAsync(page));
        var app = await fixture.SignInAppAsync(fixture.Sessions, FederatedBrowserFixture.SessionsProvider, login);
        using var appClient = Grid.Bearer(app.AccessToken!);
        var enforced = new List<TimeSpan>();

        enforced.Add(await EndProviderSessionAndTimeTheRefusalAsync(page, fixture.Sessions));

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.OK, await apiToken.MeAsync());
        Assert.Equal(HttpStatusCode.OK, await appClient.MeAsync());
        Assert.Equal(HttpStatusCode.OK, (await Grid.RefreshAsync(app.RefreshToken!)).StatusCode);
        for (var run = 0; run < 2; run++)
        {
            await page.ReloadAsync();
            await ProviderPages.SignInAsync(page, FederatedBrowserFixture.SessionsDisplayName, login);
            enforced.Add(await EndProviderSessionAndTimeTheRefusalAsync(page, fixture.Sessions));
        }

        Report(enforced);
    }

    [Fact]
    public async Task InEverywhereModeEndingTheProviderSessionAlsoEndsTheUsersApiTokenAndAppSession()
    {
        var login = NewLogin();
        var page = await fixture.NewBrowserAsync();
        await ProviderPages.SignInAsync(page, FederatedBrowserFixture.EverywhereDisplayName, login);
        using var apiToken = Grid.Bearer(await CreateApiTokenAsync(page));
        var app = await fixture.SignInAppAsync(fixture.Everywhere, FederatedBrowserFixture.EverywhereProvider, login);
        using var appClient = Grid.Bearer(app.AccessToken!);
        Assert.Equal(HttpStatusCode.OK, await appClient.MeAsync());

        var enforced = await EndProviderSessionAndTimeTheRefusalAsync(page, fixture.Everywhere);

        Assert.Equal(HttpStatusCode.Unauthorized, await apiToken.MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await appClient.MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Grid.RefreshAsync(app.RefreshToken!)).StatusCode);
        Report([enforced]);
    }

    private string MeUrl => new Uri(Grid.ServerAddress!, "/auth/me").ToString();

    private static string NewLogin() => $"p{Guid.NewGuid():N}"[..16];

    private static async Task<string> CreateApiTokenAsync(IPage page)
    {
        await page.GetByLabel("Token name").FillAsync("backup job");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("New API token")).ToContainTextAsync("sgk_");
        return (await page.GetByLabel("New API token").TextContentAsync())!.Trim();
    }

    /// <summary>Ends the provider session in this browser and returns the time from the confirmation to the grid's
    /// first refusal of the browser's session; asserts that the first request after the provider's success page is it.</summary>
    private async Task<TimeSpan> EndProviderSessionAndTimeTheRefusalAsync(IPage page, TestProvider provider)
    {
        Assert.Equal((int)HttpStatusCode.OK, (await page.Context.APIRequest.GetAsync(MeUrl)).Status);
        fixture.SyncClock();

        var confirmed = await ProviderPages.EndProviderSessionAsync(page.Context, provider.Issuer);

        var next = await page.Context.APIRequest.GetAsync(MeUrl);
        var elapsed = Stopwatch.GetElapsedTime(confirmed);
        Assert.True(next.Status == (int)HttpStatusCode.Unauthorized, $"The browser's next request got {next.Status}.\n{provider.Log}");
        return elapsed;
    }

    private static void Report(List<TimeSpan> enforced)
    {
        var sorted = enforced.Order().ToArray();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"provider logout enforced (end-session confirmation to the browser's 401): median {sorted[sorted.Length / 2].TotalMilliseconds:F0} ms over {sorted.Length} run(s): {string.Join(", ", sorted.Select(t => $"{t.TotalMilliseconds:F0} ms"))}"));
    }
}
