using System.Globalization;

namespace Sessions.Bench.Flood;

/// <summary>One request and its whole answer, reduced to what the scenario counts.</summary>
internal static class Exchange
{
    /// <returns>The status code ("401"), "timeout" when the client's timeout ran out, or "error" when there was no
    /// answer (refused or reset connection).</returns>
    /// <exception cref="OperationCanceledException"><paramref name="stop"/> was cancelled.</exception>
    public static async Task<string> OutcomeAsync(HttpClient client, HttpRequestMessage request, CancellationToken stop)
    {
        try
        {
            using var response = await client.SendAsync(request, stop);
            return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return "timeout";
        }
        catch (HttpRequestException)
        {
            return "error";
        }
    }

    /// <summary>POST /auth/login; <paramref name="client"/> null is the browser default, "app" an app sign-in whose
    /// answer carries the tokens.</summary>
    public static HttpRequestMessage Login(string username, string password, string? client = null) => client is null
        ? Post("/auth/login", new { username, password })
        : Post("/auth/login", new { username, password, client, device = "bench-flood" });

    public static HttpRequestMessage Register(string username, string password) =>
        Post("/auth/register", new { username, password });

    private static HttpRequestMessage Post<T>(string path, T body) =>
        new(HttpMethod.Post, path) { Content = System.Net.Http.Json.JsonContent.Create(body) };
}
