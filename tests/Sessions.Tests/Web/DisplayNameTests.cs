using System.Net;
using System.Net.Http.Json;
using System.Text;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Web;

/// <summary>
/// Names a person reads in the sessions and token lists must display as they were given (docs/threat-model.md, B24):
/// a device or token name holding a bidirectional control, another format character, a line or paragraph separator,
/// a private-use or unassigned code point or a lone surrogate is refused with 400 and nothing is created; the
/// recorded User-Agent, kept for display only, drops such characters.
/// </summary>
[Collection(SharedWeb.Name)]
public sealed class DisplayNameTests(WebGridFixture fixture)
{
    private WebGrid Grid => fixture.Grid;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Each as a JSON string escape, so the test source holds no invisible character.</summary>
    public static TheoryData<string> HiddenCharacters =>
    [
        @"\u202E",   // RIGHT-TO-LEFT OVERRIDE: "\u202Eexe.txt" displays as "txt.exe"
        @"\u202A",   // LEFT-TO-RIGHT EMBEDDING
        @"\u2066",   // LEFT-TO-RIGHT ISOLATE
        @"\u2069",   // POP DIRECTIONAL ISOLATE
        @"\u200B",   // ZERO WIDTH SPACE
        @"\u200F",   // RIGHT-TO-LEFT MARK
        @"\uFEFF",   // ZERO WIDTH NO-BREAK SPACE
        @"\u00AD",   // SOFT HYPHEN (Cf)
        @"\u2028",   // LINE SEPARATOR
        @"\u2029",   // PARAGRAPH SEPARATOR
        @"\uE000",   // private use
        @"\u0378",   // unassigned
        @"\u0085",   // NEXT LINE (a C1 control)
        @"\uD800",   // a lone surrogate
    ];

    [Theory]
    [MemberData(nameof(HiddenCharacters))]
    public async Task ATokenNameWithAHiddenCharacterIs400AndCreatesNothing(string escaped)
    {
        var username = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username);

        var response = await laptop.PostAsync("/auth/tokens", Json($$"""{"name":"backup{{escaped}}gpj.exe"}"""), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await laptop.GetFromJsonAsync<TokenRow[]>("/auth/tokens", Cancel))!);
    }

    [Theory]
    [MemberData(nameof(HiddenCharacters))]
    public async Task ADeviceNameWithAHiddenCharacterIs400AndSignsNothingIn(string escaped)
    {
        var username = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username, "laptop");
        using var client = Grid.NewClient();

        var response = await client.PostAsync(
            "/auth/login", Json($$"""{"username":"{{username}}","password":"{{TestUser.Password}}","device":"phone{{escaped}}"}"""), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("laptop", Assert.Single((await laptop.GetFromJsonAsync<SessionRow[]>("/auth/sessions", Cancel))!).Device);
    }

    [Fact]
    public async Task NamesInAnyScriptWithAccentsOrEmojiAreAccepted()
    {
        var username = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username, "Zoë's ノートパソコン");
        using var phone = await Grid.SignInBrowserAsync(username, "هاتف سارة");

        var token = await laptop.CreateApiTokenAsync("🚀 déploiement");
        var sessions = await laptop.GetFromJsonAsync<SessionRow[]>("/auth/sessions", Cancel);

        Assert.Equal(["Zoë's ノートパソコン", "هاتف سارة"], sessions!.Select(s => s.Device).Order());
        Assert.Equal("🚀 déploiement", Assert.Single((await laptop.GetFromJsonAsync<TokenRow[]>("/auth/tokens", Cancel))!).Name);
        Assert.StartsWith("sgk_", token.Token, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRecordedUserAgentDropsCharactersThatDoNotDisplayAsThemselves()
    {
        var username = await Grid.RegisterAsync();
        using var client = Grid.NewDevice();
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "curl/8.5\u202E\u200B\u2066 (gnu)\u2069\uE000");

        await client.PostAsJsonAsync("/auth/login", new { username, password = TestUser.Password }, Cancel);
        var sessions = await client.GetFromJsonAsync<SessionRow[]>("/auth/sessions", Cancel);

        Assert.Equal("curl/8.5 (gnu)", Assert.Single(sessions!).UserAgent);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
