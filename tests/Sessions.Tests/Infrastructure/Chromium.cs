using Microsoft.Playwright;

namespace Sessions.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright (never Playwright's own browser download). It reaches loopback
/// only: everything else goes to a proxy on a closed loopback port and fails at once. The identity provider's pages
/// import a web font from the internet, and a request left hanging there held back the load event that navigation
/// waits for.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Proxy = new Proxy { Server = "http://127.0.0.1:9", Bypass = "127.0.0.1,localhost,[::1]" },
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
        ],
    });
}
