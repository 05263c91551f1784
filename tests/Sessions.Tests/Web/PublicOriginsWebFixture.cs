using Microsoft.AspNetCore.Mvc.Testing;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Web;

/// <summary>A front end published under <see cref="PublicOrigin"/> and, listed too, one loopback origin, which also
/// lets <see cref="TrustedOrigin"/>'s pages make cookie-authenticated changes.</summary>
public sealed class PublicOriginsWebFixture() : WebGridFixture(new WebGrid(new Dictionary<string, string?>
{
    ["Sessions:Web:PublicOrigins:0"] = PublicOrigin,
    ["Sessions:Web:PublicOrigins:1"] = ListedLoopbackOrigin,
    ["Sessions:Web:TrustedOrigins:0"] = TrustedOrigin,
}))
{
    public const string PublicOrigin = "https://login.example.com";

    public const string ListedLoopbackOrigin = "http://127.0.0.2:8080";

    public const string TrustedOrigin = "https://app.example.com";

    /// <summary>A client that keeps cookies, like one browser, and reaches the grid at its public origin.</summary>
    public HttpClient NewDevice() => Grid.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri(PublicOrigin),
        HandleCookies = true,
        AllowAutoRedirect = false,
    });
}
