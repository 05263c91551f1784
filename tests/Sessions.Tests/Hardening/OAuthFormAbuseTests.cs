using System.Net;
using System.Text;
using Sessions.Tests.Infrastructure;
using Sessions.Tests.Interop;

namespace Sessions.Tests.Hardening;

/// <summary>
/// Hostile request bodies on the OAuth endpoints, which read HTML forms: too many fields, overlong names, multipart
/// bodies that never end or have no boundary. Every one is a 400 <c>invalid_request</c> — never a 5xx, never a
/// revocation or an answer about a token.
/// </summary>
[Collection(OAuthGrid.Name)]
public sealed class OAuthFormAbuseTests(OAuthGrid oauth)
{
    private const string Form = "application/x-www-form-urlencoded";

    private WebGrid Grid => oauth.Grid;

    [Theory]
    [InlineData("/oauth/introspect", "too many fields")]
    [InlineData("/oauth/introspect", "overlong field name")]
    [InlineData("/oauth/introspect", "multipart without boundary")]
    [InlineData("/oauth/introspect", "multipart that never ends")]
    [InlineData("/oauth/introspect", "well-formed multipart")]
    [InlineData("/oauth/revoke", "too many fields")]
    [InlineData("/oauth/revoke", "overlong field name")]
    [InlineData("/oauth/revoke", "multipart without boundary")]
    [InlineData("/oauth/revoke", "multipart that never ends")]
    [InlineData("/oauth/revoke", "well-formed multipart")]
    public async Task HostileFormBodiesAre400InvalidRequestAndChangeNothing(string path, string shape)
    {
        var app = await Grid.SignInAppAsync(await Grid.RegisterAsync());
        using var client = Grid.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Body(shape, app.RefreshToken) };
        request.Headers.TryAddWithoutValidation("Authorization", OAuthGrid.ResourceServer);

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        await OAuthGrid.AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(HttpStatusCode.OK, (await Grid.RefreshAsync(app.RefreshToken)).StatusCode);
    }

    private static StringContent Body(string shape, string token) => shape switch
    {
        "too many fields" => Content(string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=1")) + "&token=" + token, Form),
        "overlong field name" => Content(new string('k', 3000) + "=1&token=" + token, Form),
        "multipart without boundary" => Content("token=" + token, "multipart/form-data"),
        "multipart that never ends" => Content(
            $"--b\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n{token}", "multipart/form-data; boundary=b"),
        "well-formed multipart" => Content(
            $"--b\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n{token}\r\n--b--\r\n", "multipart/form-data; boundary=b"),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    private static StringContent Content(string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }
}
