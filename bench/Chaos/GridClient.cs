using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Sessions.Bench.Chaos;

/// <summary>
/// The grid's HTTP API as a client uses it, against two front ends. Cookies are handled by hand (one client serves
/// many users), requests carry no Origin (an app or a script; the cross-site guard lets them through to the
/// credential check), and every failure to get an answer becomes an <see cref="Answer"/> with status 0.
/// </summary>
internal sealed class GridClient(HttpClient http, IReadOnlyList<Uri> frontEnds)
{
    private const string CookieName = "__Host-sid";

    public int FrontEnds => frontEnds.Count;

    public Task<Answer> RegisterAsync(int frontEnd, string username, string password) =>
        SendAsync(frontEnd, HttpMethod.Post, "/auth/register", Json(new { username, password }));

    public Task<Answer> SignInAsync(int frontEnd, string username, string password, string client) =>
        SendAsync(frontEnd, HttpMethod.Post, "/auth/login", Json(new { username, password, client, device = "chaos" }));

    public Task<Answer> MeAsync(int frontEnd, HeldCredential credential) =>
        SendAsync(frontEnd, HttpMethod.Get, "/auth/me", credential: credential);

    public Task<Answer> RefreshAsync(int frontEnd, string refreshToken) =>
        SendAsync(frontEnd, HttpMethod.Post, "/auth/refresh", Json(new { refreshToken }));

    public Task<Answer> EndSessionAsync(int frontEnd, HeldCredential actor, string sessionId) =>
        SendAsync(frontEnd, HttpMethod.Delete, $"/auth/sessions/{sessionId}", credential: actor);

    public Task<Answer> RevokeTokenAsync(int frontEnd, string token) =>
        SendAsync(frontEnd, HttpMethod.Post, "/oauth/revoke", new FormUrlEncodedContent([KeyValuePair.Create("token", token)]));

    public Task<Answer> SignOutEverywhereAsync(int frontEnd, HeldCredential actor) =>
        SendAsync(frontEnd, HttpMethod.Post, "/auth/logout-everywhere", credential: actor);

    public Task<Answer> ChangePasswordAsync(int frontEnd, HeldCredential actor, string currentPassword, string newPassword) =>
        SendAsync(frontEnd, HttpMethod.Post, "/auth/password", Json(new { currentPassword, newPassword }), actor);

    private static StringContent Json<T>(T body) =>
        new(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");

    private async Task<Answer> SendAsync(int frontEnd, HttpMethod method, string path, HttpContent? content = null, HeldCredential? credential = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(frontEnds[frontEnd], path)) { Content = content };
        if (credential is { IsCookie: true })
        {
            request.Headers.Add("Cookie", $"{CookieName}={credential.Token}");
        }
        else if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential.Token);
        }

        try
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            JsonElement? body = text.StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : null;
            return new Answer((int)response.StatusCode, body, SessionCookie(response));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new Answer(0, Error: exception.GetType().Name);
        }
    }

    private static string? SessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0])
                .Where(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal) && c.Length > CookieName.Length + 1)
                .Select(c => c[(CookieName.Length + 1)..])
                .FirstOrDefault()
            : null;
}
