using System.Net;
using System.Text;
using System.Text.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Interop;

/// <summary>A grid with two resource servers configured for RFC 7662 introspection, shared by the OAuth tests, and
/// shortcuts to speak RFC 7662/7009 to it the way an OAuth library would (form-encoded, HTTP Basic).</summary>
public sealed class OAuthGrid() : WebGridFixture(new WebGrid(new Dictionary<string, string?>
{
    [$"Sessions:ResourceServers:Clients:{ClientId}"] = ClientSecret,
    [$"Sessions:ResourceServers:Clients:{OtherClientId}"] = OtherClientSecret,
}))
{
    public const string Name = "oauth";
    public const string ClientId = "orders-api";
    public const string ClientSecret = "orders api secret: long & random";
    public const string OtherClientId = "billing";
    public const string OtherClientSecret = "billing secret";

    /// <summary>HTTP Basic as RFC 6749 §2.3.1 says: id and secret form-url-encoded, then joined and base64-encoded.</summary>
    public static string Basic(string clientId, string secret) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(clientId) + ":" + Uri.EscapeDataString(secret)));

    public static string ResourceServer => Basic(ClientId, ClientSecret);

    public Task<HttpResponseMessage> IntrospectAsync(string token, string? authorization = null, string? hint = null) =>
        PostFormAsync("/oauth/introspect", authorization ?? ResourceServer, Fields(token, hint));

    public Task<HttpResponseMessage> RevokeAsync(string token, string? authorization = null, string? hint = null) =>
        PostFormAsync("/oauth/revoke", authorization, Fields(token, hint));

    public async Task<HttpResponseMessage> PostFormAsync(string path, string? authorization, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var client = Grid.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await response.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
        return response;
    }

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    /// <summary>Asserts an RFC 6749 §5.2 error of the given status and code.</summary>
    public static async Task AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(error, (await JsonOf(response)).GetProperty("error").GetString());
    }

    public static bool ChallengesBasic(HttpResponseMessage response) =>
        response.Headers.WwwAuthenticate.Any(c => c.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase));

    private static List<KeyValuePair<string, string>> Fields(string token, string? hint)
    {
        var fields = new List<KeyValuePair<string, string>> { new("token", token) };
        if (hint is not null)
        {
            fields.Add(new("token_type_hint", hint));
        }

        return fields;
    }
}

[CollectionDefinition(OAuthGrid.Name)]
public sealed class SharedOAuthGrid : ICollectionFixture<OAuthGrid>;
