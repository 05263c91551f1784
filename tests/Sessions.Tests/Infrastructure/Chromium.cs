using Microsoft.Playwright;

namespace Sessions.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright (never Playwright's own browser download).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
        ],
    });

    /// <summary>Keeps <paramref name="context"/> to loopback: any other request is aborted at once. The identity
    /// provider's pages import a web font from the internet, and a request left hanging there held back the load
    /// event that navigation waits for. (A proxy on a closed port, set at launch, did not stop the hang.)</summary>
    public static Task KeepToLoopbackAsync(IBrowserContext context) => context.RouteAsync(url => !IsLoopback(url), route => route.AbortAsync());

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || uri.Scheme is "data" or "blob" or "about");
}
