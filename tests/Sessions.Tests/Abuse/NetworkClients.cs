using System.Net;
using System.Net.Http.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Abuse;

/// <summary>Clients of a grid on Kestrel that connect from a chosen loopback address (127.x.y.z: every one is
/// loopback on Linux), so the grid sees them as clients of that address's network; and the abuse settings the tests
/// start grids with.</summary>
internal static class NetworkClients
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Settings with these limits, each with a burst of as many, and no rejection delay (the tarpit has tests
    /// of its own).</summary>
    public static Dictionary<string, string?> Limits(int signInsPerMinute = 1000, int registrationsPerHour = 1000) => new()
    {
        ["Sessions:Abuse:SignInsPerMinutePerAddress"] = signInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sessions:Abuse:SignInBurstPerAddress"] = signInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sessions:Abuse:RegistrationsPerHourPerAddress"] = registrationsPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sessions:Abuse:RegistrationBurstPerAddress"] = registrationsPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sessions:Abuse:RejectionDelay"] = "00:00:00",
    };

    /// <summary>A client of <paramref name="grid"/> connecting from <paramref name="address"/>.</summary>
    public static HttpClient From(WebGrid grid, string address) =>
        LoopbackClients.To(new Uri($"http://127.0.0.1:{grid.ServerAddress!.Port}"), IPAddress.Parse(address));

    /// <summary>Signs in through <paramref name="client"/>, optionally as forwarded by a proxy for another address.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(
        HttpClient client, string username, string password = TestUser.Password, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = JsonContent.Create(new { username, password }) };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request, Cancel);
    }

    /// <summary>Asks to register <paramref name="username"/> through <paramref name="client"/>.</summary>
    public static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string username, string password = TestUser.Password) =>
        client.PostAsJsonAsync("/auth/register", new { username, password }, Cancel);

    /// <summary>The browser sessions the session cookie of <paramref name="signedIn"/> (a 200 sign-in) lists.</summary>
    public static async Task<SessionRow[]> SessionsAsync(HttpClient client, HttpResponseMessage signedIn)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/sessions");
        request.Headers.Add("Cookie", signedIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
        var response = await client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SessionRow[]>(Cancel))!;
    }
}
