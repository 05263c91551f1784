using Sessions.Tests.Infrastructure;
using Sessions.Web.Federation.Tokens;

namespace Sessions.Tests.Federation;

/// <summary>
/// An issuer that rotates its keys is followed at once (a token naming a key we do not hold makes us fetch the keys
/// again and retry), yet a flood of tokens with random key ids costs at most one fetch per
/// <c>Sessions:Federation:KeyRefetchInterval</c>, counted by the key server itself.
/// </summary>
public sealed class KeyRefetchTests
{
    [Fact]
    public async Task ALogoutTokenSignedWithAKeyTheProviderRotatedInAfterTheFirstFetchPasses()
    {
        var old = await TestKeyPair.NewAsync();
        var rotatedIn = await TestKeyPair.NewAsync("ES256");
        var port = FreePorts.Next();
        var before = await TestProvider.StartAsync([old], port);
        using var services = new FederationServices(before.Settings());
        var first = await services.LogoutTokens.ValidateAsync("test", await LogoutTokenAsync(old, before.Issuer, services.Now), default);
        await before.DisposeAsync();

        await using var after = await TestProvider.StartAsync([rotatedIn, old], port);
        var rotated = await services.LogoutTokens.ValidateAsync("test", await LogoutTokenAsync(rotatedIn, after.Issuer, services.Now), default);

        Assert.True(first.IsValid, first.Failure?.Description);
        Assert.True(rotated.IsValid, rotated.Failure?.Description);
    }

    [Fact]
    public async Task ASecurityEventSignedWithANewlyPublishedKeyPassesAfterExactlyOneMoreFetch()
    {
        var old = await TestKeyPair.NewAsync();
        var rotatedIn = await TestKeyPair.NewAsync("ES256");
        await using var jwks = await TestJwksServer.StartAsync(TestKeyPair.PublicSetOf(old));
        using var services = new FederationServices(TransmitterTokens.Settings(jwks.JwksUri));
        Assert.True((await services.SecurityEvents.ValidateAsync(await TransmitterTokens.SignAsync(old, services.Now), default)).IsValid);
        await jwks.PublishAsync(TestKeyPair.PublicSetOf(old, rotatedIn));

        var rotated = await services.SecurityEvents.ValidateAsync(await TransmitterTokens.SignAsync(rotatedIn, services.Now), default);

        Assert.True(rotated.IsValid, rotated.Failure?.Description);
        Assert.Equal(2, await jwks.FetchesAsync());
    }

    [Fact]
    public async Task RandomKeyIdsCostAtMostOneFetchPerRefetchInterval()
    {
        var key = await TestKeyPair.NewAsync();
        var strangers = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => TestKeyPair.NewAsync("ES256", $"random-{i}")));
        await using var jwks = await TestJwksServer.StartAsync(TestKeyPair.PublicSetOf(key));
        using var services = new FederationServices(TransmitterTokens.Settings(jwks.JwksUri));
        var tokens = await Task.WhenAll(strangers.Select(s => TransmitterTokens.SignAsync(s, services.Now)));
        Assert.True((await services.SecurityEvents.ValidateAsync(await TransmitterTokens.SignAsync(key, services.Now), default)).IsValid);

        var firstFlood = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => services.SecurityEvents.ValidateAsync(tokens[i % 3], default)));
        var afterFirstFlood = await jwks.FetchesAsync();
        services.Clock.Advance(TimeSpan.FromSeconds(30));
        var early = await services.SecurityEvents.ValidateAsync(tokens[0], default);
        var afterHalfAnInterval = await jwks.FetchesAsync();
        services.Clock.Advance(TimeSpan.FromSeconds(30));
        var secondFlood = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => services.SecurityEvents.ValidateAsync(tokens[i % 3], default)));

        Assert.All(firstFlood.Append(early).Concat(secondFlood), result => Assert.Equal(TokenFailureReason.UnknownKey, result.Failure?.Reason));
        Assert.Equal(2, afterFirstFlood);
        Assert.Equal(2, afterHalfAnInterval);
        Assert.Equal(3, await jwks.FetchesAsync());
    }

    [Fact]
    public async Task AnUnreachableKeySetFailsClosedAsTransientAndIsNotFetchedAgainWithinTheInterval()
    {
        var key = await TestKeyPair.NewAsync();
        await using var jwks = await TestJwksServer.StartAsync(TestKeyPair.PublicSetOf(key));
        var settings = TransmitterTokens.Settings(jwks.JwksUri.Replace("/jwks.json", "/missing.json", StringComparison.Ordinal));
        using var services = new FederationServices(settings);
        var token = await TransmitterTokens.SignAsync(key, services.Now);

        var results = new[]
        {
            await services.SecurityEvents.ValidateAsync(token, default),
            await services.SecurityEvents.ValidateAsync(token, default),
        };

        Assert.All(results, result => Assert.True(result.Failure is { Reason: TokenFailureReason.KeysUnavailable, IsTransient: true }));
    }

    private static Task<string> LogoutTokenAsync(TestKeyPair key, string issuer, DateTimeOffset now) => Jws.SignAsync(
        new() { ["alg"] = key.Private["keys"]![0]!["alg"]!.GetValue<string>(), ["kid"] = key.KeyId, ["typ"] = "logout+jwt" },
        new()
        {
            ["iss"] = issuer,
            ["aud"] = TestProvider.ClientId,
            ["iat"] = Jws.Seconds(now),
            ["jti"] = Guid.NewGuid().ToString(),
            ["sid"] = "provider-session-1",
            ["events"] = new System.Text.Json.Nodes.JsonObject { ["http://schemas.openid.net/event/backchannel-logout"] = new System.Text.Json.Nodes.JsonObject() },
        },
        key.Private);
}
