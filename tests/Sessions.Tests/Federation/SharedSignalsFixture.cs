using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>
/// A transmitter's key set served on loopback (tests/idp/jwks-server.mjs), configured in a grid as transmitter
/// <see cref="TransmitterName"/>, beside an operator key, with storage faults to arm. Security event tokens are minted
/// by jose (tests/idp/sign.mjs) at the grid's clock; <see cref="TransmitterFixture.OtherKey"/> was never published.
/// </summary>
public sealed class SharedSignalsFixture : IAsyncLifetime
{
    public const string TransmitterName = "tx";
    public const string OperatorKey = "ssf-operator-key-0123456789abcdef";

    private readonly TransmitterFixture _transmitter = new();
    private WebGrid? _grid;

    public WebGrid Grid => _grid ?? throw new InvalidOperationException("The grid has not started.");

    public TestKeyPair Key => _transmitter.Key;

    public TestKeyPair OtherKey => _transmitter.OtherKey;

    public async ValueTask InitializeAsync()
    {
        await _transmitter.InitializeAsync();
        var settings = TransmitterTokens.Settings(_transmitter.Jwks.JwksUri, TransmitterName);
        settings["Sessions:Admin:Keys:oncall"] = OperatorKey;
        _grid = new WebGrid(settings, injectStorageFaults: true);
    }

    /// <summary>A <c>sub_id</c> naming a grid user by id.</summary>
    public static JsonObject UserId(string userId) => new() { ["format"] = "opaque", ["id"] = userId };

    /// <summary>The claims of a good SET of <paramref name="eventType"/> about <paramref name="subject"/>, now by the grid's clock.</summary>
    public JsonObject Claims(string eventType, JsonObject subject)
    {
        var claims = TransmitterTokens.Claims(Grid.Clock.GetUtcNow(), eventType);
        claims["sub_id"] = subject;
        return claims;
    }

    /// <summary>A SET of <paramref name="claims"/> signed by the transmitter's published key.</summary>
    public Task<string> SignAsync(JsonObject claims) => Jws.SignAsync(TransmitterTokens.Header(Key), claims, Key.Private);

    /// <summary>Pushes <paramref name="token"/> to /ssf/events as <paramref name="contentType"/> (RFC 8935 §2).</summary>
    public async Task<HttpResponseMessage> PushAsync(string token, string contentType = "application/secevent+jwt")
    {
        using var client = Grid.NewClient();
        using var content = new StringContent(token);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.PostAsync("/ssf/events", content, TestContext.Current.CancellationToken);
    }

    /// <summary>Signs and pushes a SET of <paramref name="eventType"/> about <paramref name="subject"/>.</summary>
    public async Task<HttpResponseMessage> PushAsync(string eventType, JsonObject subject) => await PushAsync(await SignAsync(Claims(eventType, subject)));

    public async ValueTask DisposeAsync()
    {
        if (_grid is not null)
        {
            await _grid.DisposeAsync();
        }

        await _transmitter.DisposeAsync();
    }
}
