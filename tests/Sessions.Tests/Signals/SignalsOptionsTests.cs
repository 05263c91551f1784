using System.Net;
using System.Text.Json;
using Sessions.Grains.Hosting;
using Sessions.Grains.Signals;

namespace Sessions.Tests.Signals;

/// <summary>A transmitter that cannot work, or would send insecurely, does not start (docs/threat-model.md, B45); what it
/// publishes holds only public key members (B49).</summary>
public sealed class SignalsOptionsTests(SignalGridFixture fixture) : IClassFixture<SignalGridFixture>
{
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi"];

    [Theory]
    [InlineData("EndpointUrl", "http://receiver.example/events", "EndpointUrl must be an absolute https URL")]
    [InlineData("EndpointUrl", "https://user:pass@receiver.example/", "EndpointUrl must be an absolute https URL")]
    [InlineData("Audience", "", "Audience is required")]
    public void AReceiverThatCannotWorkIsRefusedNamingTheKey(string field, string value, string message)
    {
        var options = Valid();
        var receiver = options.Receivers["app"];
        if (field == "EndpointUrl")
        {
            receiver.EndpointUrl = value;
        }
        else
        {
            receiver.Audience = value;
        }

        var result = new SignalsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Sessions:Signals:Receivers:app:{message}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownEventNameAnInsecureIssuerAndABadAuthorizationHeaderAreRefusedWithoutEchoingTheHeader()
    {
        var options = Valid();
        options.Issuer = "http://grid.example";
        options.Receivers["app"].Events.Add("session-ended");
        options.Receivers["app"].AuthorizationHeader = "Bearer secret\r\nX: y";

        var result = new SignalsOptionsValidator().Validate(null, options);

        Assert.Contains("Sessions:Signals:Issuer must be", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("'session-ended' is not an event the grid sends", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("AuthorizationHeader must be a header value", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void WithPostgreSQLAReceiverNeedsConfiguredSigningKeys()
    {
        var storage = new SessionStorageOptions { Provider = StorageProvider.PostgreSQL };

        var refused = Assert.ThrowsAny<Exception>(() => SignalSigningKeys.Load(Valid(), storage, Path.GetTempPath()));

        Assert.Contains("Sessions:Signals:SigningKeys is required with PostgreSQL", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyFileThatIsNotAPrivateKeyStopsTheStartNamingTheKeyAndNotItsContent()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("sessions-key-").FullName, "key.pem");
        File.WriteAllText(file, "-----BEGIN PRIVATE KEY-----\nbm90LWEta2V5\n-----END PRIVATE KEY-----\n");
        var options = Valid();
        options.SigningKeys["one"] = file;

        var refused = Assert.ThrowsAny<Exception>(() => SignalSigningKeys.Load(options, new SessionStorageOptions(), Path.GetTempPath()));

        Assert.Contains("Sessions:Signals:SigningKeys:one", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("bm90LWEta2V5", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTransmitterPublishesItsMetadataAndOnlyPublicKeys()
    {
        using var client = fixture.Signals.Grid.NewClient();

        var configuration = JsonDocument.Parse(await client.GetStringAsync("/.well-known/ssf-configuration", TestContext.Current.CancellationToken)).RootElement;
        var jwks = await client.GetAsync("/.well-known/jwks.json", TestContext.Current.CancellationToken);
        var keys = JsonDocument.Parse(await jwks.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("keys");

        Assert.Equal("1_0", configuration.GetProperty("spec_version").GetString());
        Assert.Equal(SignalGrid.Issuer, configuration.GetProperty("issuer").GetString());
        Assert.Equal($"{SignalGrid.Issuer}/.well-known/jwks.json", configuration.GetProperty("jwks_uri").GetString());
        Assert.Equal(["urn:ietf:rfc:8935"], configuration.GetProperty("delivery_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        Assert.Equal("application/jwk-set+json", jwks.Content.Headers.ContentType?.MediaType);
        var key = Assert.Single(keys.EnumerateArray());
        Assert.Equal("ES256", key.GetProperty("alg").GetString());
        Assert.Equal(43, key.GetProperty("kid").GetString()!.Length);   // an RFC 7638 SHA-256 thumbprint, base64url
        Assert.All(PrivateMembers, member => Assert.False(key.TryGetProperty(member, out _), member));
    }

    private static SignalsOptions Valid() => new()
    {
        Issuer = "https://grid.example",
        Receivers = { ["app"] = new SignalReceiverOptions { EndpointUrl = "https://receiver.example/events", Audience = "https://app.example" } },
    };
}
