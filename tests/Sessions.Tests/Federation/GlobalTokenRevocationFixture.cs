using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>
/// A real provider (oidc-provider on loopback, signing with <see cref="Key"/>; <see cref="OtherKey"/> it never
/// published) configured in a grid as <see cref="ProviderName"/>, beside an operator key, with storage faults to arm.
/// Assertions are minted by jose (tests/idp/sign.mjs) at the grid's clock.
/// </summary>
public sealed class GlobalTokenRevocationFixture : IAsyncLifetime
{
    public const string ProviderName = "corp";
    public const string OperatorKey = "gtr-operator-key-0123456789abcdef";

    /// <summary>The endpoint as the in-memory grid is reached (no public origins configured: the request's own).</summary>
    public const string Endpoint = "https://localhost/oauth/global-token-revocation";

    private TestProvider? _provider;
    private WebGrid? _grid;

    public TestProvider Provider => _provider ?? throw new InvalidOperationException("The provider has not started.");

    public WebGrid Grid => _grid ?? throw new InvalidOperationException("The grid has not started.");

    public TestKeyPair Key { get; private set; } = null!;

    public TestKeyPair OtherKey { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Key = await TestKeyPair.NewAsync("RS256");
        OtherKey = await TestKeyPair.NewAsync("ES256");
        _provider = await TestProvider.StartAsync([Key]);
        var settings = _provider.Settings(ProviderName);
        settings["Sessions:Admin:Keys:oncall"] = OperatorKey;
        _grid = new WebGrid(settings, injectStorageFaults: true);
    }

    /// <summary>A user linked to the provider as <paramref name="subject"/>, with credentials of every kind.</summary>
    public Task<LifecycleCredentials> FederatedUserAsync(string subject) =>
        LifecycleCredentials.OfFederatedUserAsync(Grid, ProviderName, Provider.Issuer, subject);

    /// <summary>The claims of a good assertion, now by the grid's clock.</summary>
    public JsonObject Claims()
    {
        var now = Grid.Clock.GetUtcNow();
        return new JsonObject
        {
            ["iss"] = Provider.Issuer,
            ["sub"] = Provider.Issuer,
            ["aud"] = Endpoint,
            ["iat"] = Jws.Seconds(now),
            ["exp"] = Jws.Seconds(now + TimeSpan.FromMinutes(5)),
            ["jti"] = Guid.NewGuid().ToString(),
        };
    }

    /// <summary>An assertion of <paramref name="claims"/> signed by the provider's published key.</summary>
    public Task<string> SignAsync(JsonObject? claims = null) =>
        Jws.SignAsync(new JsonObject { ["alg"] = "RS256", ["kid"] = Key.KeyId, ["typ"] = "JWT" }, claims ?? Claims(), Key.Private);

    /// <summary>A <c>{"sub_id": …}</c> body naming a linked identity of the provider.</summary>
    public JsonObject IdentityOf(string subject) =>
        Body(new JsonObject { ["format"] = "iss_sub", ["iss"] = Provider.Issuer, ["sub"] = subject });

    /// <summary>A <c>{"sub_id": …}</c> body naming a grid user id.</summary>
    public static JsonObject UserIdOf(string userId) => Body(new JsonObject { ["format"] = "opaque", ["id"] = userId });

    public static JsonObject Body(JsonObject subject) => new() { ["sub_id"] = subject };

    /// <summary>Posts <paramref name="body"/> with <c>Authorization: Bearer <paramref name="bearer"/></c> (none when null).</summary>
    public async Task<HttpResponseMessage> RevokeAsync(string? bearer, JsonNode body)
    {
        using var client = Grid.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/global-token-revocation") { Content = JsonContent.Create(body) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_grid is not null)
        {
            await _grid.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }
}
