using Microsoft.Playwright;

namespace Sessions.Tests.Federation;

/// <summary>The steps a person takes at the test provider (oidc-provider's development pages, tests/idp/README.md,
/// "Browser steps") and on the grid's page around them.</summary>
public static class ProviderPages
{
    /// <summary>On the grid's page: "Sign in with <paramref name="displayName"/>", the provider's login and consent
    /// pages as <paramref name="login"/>, and back on the grid's page showing "Your sessions".</summary>
    public static async Task SignInAsync(IPage page, string displayName, string login)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = $"Sign in with {displayName}" }).ClickAsync();
        await SignInAtProviderAsync(page, login);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your sessions" })).ToBeVisibleAsync();
    }

    /// <summary>On the provider's login and consent pages (the browser sent there by the grid's login link): signs in as
    /// <paramref name="login"/> and consents, so the provider sends the browser back to the grid's callback.</summary>
    public static async Task SignInAtProviderAsync(IPage page, string login)
    {
        await page.Locator("input[name=login]").FillAsync(login);
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
    }

    /// <summary>Opens the provider's end-session page in the browser of <paramref name="context"/>, confirms "Yes, sign
    /// me out" and waits for the provider's success page (its back-channel logouts are answered before it redirects).</summary>
    /// <returns>When the confirmation was clicked.</returns>
    public static async Task<long> EndProviderSessionAsync(IBrowserContext context, string issuer)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{issuer}/session/end");
        var confirmed = System.Diagnostics.Stopwatch.GetTimestamp();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync("**/session/end/success**");
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"The provider's sign-out did not reach its success page; the page is at {page.Url}: {await page.ContentAsync()}", exception);
        }

        await page.CloseAsync();
        return confirmed;
    }
}
