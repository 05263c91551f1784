using System.Diagnostics;
using Microsoft.Playwright;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Events;

/// <summary>The page in Chromium as devices of one person, each its own browser context, on any front end.</summary>
public static class LivePages
{
    /// <summary>How long a page may take to show the sign-in form by itself: generous, it guards against a hang; the
    /// latency is recorded, not asserted (bench/live measures it).</summary>
    private const float ShowLimitMilliseconds = 15_000;

    /// <summary>A new device signed in through the page's form on <paramref name="grid"/>, showing "Your sessions"
    /// with its live sign-out stream open.</summary>
    public static async Task<IPage> SignInAsync(IBrowser browser, WebGrid grid, string username)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(grid.ServerAddress!.ToString());
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(TestUser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your sessions" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html[data-live-sign-out=on]")).ToHaveCountAsync(1);
        return page;
    }

    /// <summary>Presses "Sign out everywhere" on <paramref name="presser"/>, then waits until <paramref name="other"/>,
    /// untouched, shows the sign-in form with "You were signed out", and writes how long that took to the test output.</summary>
    public static async Task SignOutEverywhereAndSeeTheOtherSignedOutAsync(IPage presser, IPage other, string setting)
    {
        var pressed = Stopwatch.StartNew();
        await presser.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere", Exact = true }).ClickAsync();

        await Assertions.Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }))
            .ToBeVisibleAsync(new() { Timeout = ShowLimitMilliseconds });
        var shown = pressed.Elapsed;
        await Assertions.Expect(other.GetByRole(AriaRole.Status)).ToContainTextAsync("You were signed out");
        await Assertions.Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Your sessions" })).ToHaveCountAsync(0);
        await Assertions.Expect(presser.GetByRole(AriaRole.Status)).ToContainTextAsync("Signed out everywhere: 2 session(s)");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"live sign-out ({setting}): the other device showed the sign-in form {shown.TotalMilliseconds:F0} ms after the press");
    }
}
