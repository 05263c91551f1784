using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>
/// POST /oauth/global-token-revocation (draft-parecki-oauth-global-token-revocation): a provider (by a signed JWT) or
/// an operator (by its key) names a user, and every credential that user holds — browser, app access and refresh, API
/// token — is refused on its next request. Every refusal revokes nothing.
/// </summary>
public sealed class GlobalTokenRevocationTests(GlobalTokenRevocationFixture fixture) : IClassFixture<GlobalTokenRevocationFixture>
{
    private static readonly HttpStatusCode[] AllLive = [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK];
    private static readonly HttpStatusCode[] AllRefused = [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized];

    private WebGrid Grid => fixture.Grid;

    [Fact]
    public async Task AProviderNamingItsLinkedIdentityEndsEveryBrowserAppAndApiCredentialOfThatUser()
    {
        var subject = $"{Guid.NewGuid():N}";
        var user = await fixture.FederatedUserAsync(subject);
        var bystander = await fixture.FederatedUserAsync($"{Guid.NewGuid():N}");

        var response = await fixture.RevokeAsync(await fixture.SignAsync(), fixture.IdentityOf(subject));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(AllRefused, await user.NextRequestsAsync(Grid));
        Assert.Equal(HttpStatusCode.Unauthorized, await user.RefreshAsync(Grid));
        Assert.Equal(AllLive, await bystander.NextRequestsAsync(Grid));
        var trail = await Grid.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(user.UserId).GetAuditTrailAsync();
        Assert.Contains(trail, entry => entry.Detail?.Contains($"identity provider '{GlobalTokenRevocationFixture.ProviderName}'", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task AProviderMayNameALinkedUserByTheGridUserId()
    {
        var user = await fixture.FederatedUserAsync($"{Guid.NewGuid():N}");

        var response = await fixture.RevokeAsync(await fixture.SignAsync(), GlobalTokenRevocationFixture.UserIdOf(user.UserId));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(AllRefused, await user.NextRequestsAsync(Grid));
    }

    [Fact]
    public async Task AnOperatorKeyMayNameAnyUserAndEveryCredentialOfThatUserIsRefused()
    {
        var user = await LifecycleCredentials.OfPasswordUserAsync(Grid);

        var response = await fixture.RevokeAsync(GlobalTokenRevocationFixture.OperatorKey, GlobalTokenRevocationFixture.UserIdOf(user.UserId));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(AllRefused, await user.NextRequestsAsync(Grid));
        Assert.Equal(HttpStatusCode.Unauthorized, await user.RefreshAsync(Grid));
    }

    [Theory]
    [InlineData("replayed")]
    [InlineData("wrong aud")]
    [InlineData("expired")]
    [InlineData("unknown provider")]
    [InlineData("another key")]
    [InlineData("unsigned")]
    [InlineData("no credential")]
    [InlineData("wrong operator key")]
    public async Task ABadOrReplayedAuthenticationIs401AndRevokesNothing(string variant)
    {
        var subject = $"{Guid.NewGuid():N}";
        var user = await fixture.FederatedUserAsync(subject);
        var claims = fixture.Claims();
        switch (variant)
        {
            case "wrong aud": claims["aud"] = "https://localhost/oauth/introspect"; break;
            case "expired": claims["exp"] = Jws.Seconds(Grid.Clock.GetUtcNow() - TimeSpan.FromMinutes(2)); break;
            case "unknown provider": claims["iss"] = "https://unknown-idp.test"; break;
        }

        var bearer = variant switch
        {
            "replayed" => await SpentAssertionAsync(),
            "another key" => await Jws.SignAsync(new JsonObject { ["alg"] = "ES256", ["kid"] = fixture.OtherKey.KeyId }, claims, fixture.OtherKey.Private),
            "unsigned" => await Jws.UnsignedAsync(new JsonObject(), claims),
            "no credential" => null,
            "wrong operator key" => "not-the-operator-key-0123456789",
            _ => await fixture.SignAsync(claims),
        };

        var response = await fixture.RevokeAsync(bearer, fixture.IdentityOf(subject));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(AllLive, await user.NextRequestsAsync(Grid));
    }

    [Fact]
    public async Task AnUnknownSubjectIs404()
    {
        var response = await fixture.RevokeAsync(await fixture.SignAsync(), fixture.IdentityOf($"{Guid.NewGuid():N}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnUnsupportedSubjectFormatIs422()
    {
        var body = GlobalTokenRevocationFixture.Body(new JsonObject { ["format"] = "phone_number", ["phone_number"] = "+12065550100" });

        var response = await fixture.RevokeAsync(await fixture.SignAsync(), body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task AProviderNamingAUserNotLinkedToItIs403AndRevokesNothing()
    {
        var user = await LifecycleCredentials.OfPasswordUserAsync(Grid);
        var otherIssuers = GlobalTokenRevocationFixture.Body(new JsonObject { ["format"] = "iss_sub", ["iss"] = "https://other-idp.test", ["sub"] = "x" });

        var byUserId = await fixture.RevokeAsync(await fixture.SignAsync(), GlobalTokenRevocationFixture.UserIdOf(user.UserId));
        var byOtherIssuer = await fixture.RevokeAsync(await fixture.SignAsync(), otherIssuers);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (byUserId.StatusCode, byOtherIssuer.StatusCode));
        Assert.Equal(AllLive, await user.NextRequestsAsync(Grid));
    }

    [Theory]
    [InlineData("""{"sub_id":{"format":"opaque"}}""")]
    [InlineData("""{"sub_id":"someone"}""")]
    [InlineData("""{"subject":{"format":"opaque","id":"x"}}""")]
    [InlineData("""{"sub_id":{"format":"opaque","id":"a"},"sub_id":{"format":"opaque","id":"b"}}""")]
    [InlineData("not json")]
    public async Task AMalformedBodyIs400(string body)
    {
        using var client = Grid.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/global-token-revocation")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", GlobalTokenRevocationFixture.OperatorKey);

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AStorageFaultIs503RevokesNothingAndTheSameAssertionWorksOnceTheFaultClears()
    {
        var subject = $"{Guid.NewGuid():N}";
        var user = await fixture.FederatedUserAsync(subject);
        var assertion = await fixture.SignAsync();
        Grid.Faults!.Arm(Grid.UserGrainId(user.UserId), FaultPoint.BeforeWrite);

        var failed = await fixture.RevokeAsync(assertion, fixture.IdentityOf(subject));
        var stillLive = await user.NextRequestsAsync(Grid);
        var retried = await fixture.RevokeAsync(assertion, fixture.IdentityOf(subject));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Equal(AllLive, stillLive);
        Assert.Equal(HttpStatusCode.NoContent, retried.StatusCode);
        Assert.Equal(AllRefused, await user.NextRequestsAsync(Grid));
    }

    /// <summary>An assertion already used once (for another user).</summary>
    private async Task<string> SpentAssertionAsync()
    {
        var other = $"{Guid.NewGuid():N}";
        await fixture.FederatedUserAsync(other);
        var assertion = await fixture.SignAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.RevokeAsync(assertion, fixture.IdentityOf(other))).StatusCode);
        return assertion;
    }
}
