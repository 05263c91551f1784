using System.Net;
using System.Net.Http.Json;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Interop;

/// <summary>
/// RFC 7009 token revocation: one answer for every token (no oracle for which tokens exist, docs/threat-model.md, T6); revoking a
/// refresh token ends its session, revoking an API token ends it, and nobody else's credentials are touched.
/// </summary>
[Collection(OAuthGrid.Name)]
public sealed class RevocationTests(OAuthGrid oauth)
{
    private WebGrid Grid => oauth.Grid;

    [Fact]
    public async Task ValidAlreadyRevokedNeverIssuedAndGarbageTokensGetByteIdenticalAnswers()
    {
        var app = await Grid.SignInAppAsync(await Grid.RegisterAsync());
        var bystander = await Grid.SignInAppAsync(await Grid.RegisterAsync());
        var tokens = new[]
        {
            app.RefreshToken,
            app.RefreshToken,
            ForgedTokens.WithGridKey(TokenKind.RefreshToken, bystander.UserId, bystander.SessionId),
            ForgedTokens.WithGridKey(TokenKind.AccessToken),
            ForgedTokens.FromAnotherGrid(TokenKind.AccessToken, bystander.UserId, bystander.SessionId),
            bystander.AccessToken[..^1] + (bystander.AccessToken[^1] == 'A' ? 'Q' : 'A'),
            "garbage",
        };

        var answers = new List<string>();
        foreach (var token in tokens)
        {
            answers.Add(await DescribeAsync(await oauth.RevokeAsync(token)));
        }

        Assert.StartsWith("200 ", answers[0], StringComparison.Ordinal);
        Assert.All(answers, answer => Assert.Equal(answers[0], answer));
        Assert.Equal(HttpStatusCode.Unauthorized, await Grid.Bearer(app.AccessToken).MeAsync());
        Assert.Equal(HttpStatusCode.OK, await Grid.Bearer(bystander.AccessToken).MeAsync());
        Assert.Equal(HttpStatusCode.OK, (await Grid.RefreshAsync(bystander.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task RevokingARefreshTokenEndsItsSessionAndNoOtherSession()
    {
        var username = await Grid.RegisterAsync();
        var phone = await Grid.SignInAppAsync(username);
        var tablet = await Grid.SignInAppAsync(username);
        using var laptop = await Grid.SignInBrowserAsync(username);

        var response = await oauth.RevokeAsync(phone.RefreshToken, hint: "refresh_token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await Grid.Bearer(phone.AccessToken).MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Grid.RefreshAsync(phone.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await Grid.Bearer(tablet.AccessToken).MeAsync());
        Assert.Equal(HttpStatusCode.OK, await laptop.MeAsync());
        var sessions = await laptop.GetFromJsonAsync<SessionRow[]>("/auth/sessions", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(sessions!, s => s.Id == phone.SessionId);
    }

    [Fact]
    public async Task RevokingAnApiTokenEndsItAndLeavesItsOwnerAndOtherUsersAlone()
    {
        var owner = await Grid.SignInAppAsync(await Grid.RegisterAsync());
        var agent = await Grid.Bearer(owner.AccessToken).CreateApiTokenAsync("agent");
        var otherAgent = await Grid.Bearer(owner.AccessToken).CreateApiTokenAsync("other agent");
        var stranger = await Grid.SignInAppAsync(await Grid.RegisterAsync());
        var strangersAgent = await Grid.Bearer(stranger.AccessToken).CreateApiTokenAsync("agent");

        var response = await oauth.RevokeAsync(agent.Token, OAuthGrid.ResourceServer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await Grid.Bearer(agent.Token).MeAsync());
        Assert.Equal(HttpStatusCode.OK, await Grid.Bearer(otherAgent.Token).MeAsync());
        Assert.Equal(HttpStatusCode.OK, await Grid.Bearer(owner.AccessToken).MeAsync());
        Assert.Equal(HttpStatusCode.OK, await Grid.Bearer(strangersAgent.Token).MeAsync());
    }

    [Theory]
    [InlineData("Basic b3JkZXJzLWFwaTp3cm9uZw==")]                       // orders-api:wrong
    [InlineData("Basic c29tZW9uZS1lbHNlOm9yZGVycyBhcGkgc2VjcmV0")]       // someone-else:orders api secret
    [InlineData("Basic ")]
    [InlineData("Bearer sga_x")]
    public async Task AClientThatSendsBadCredentialsIs401InvalidClientAndRevokesNothing(string authorization)
    {
        var app = await Grid.SignInAppAsync(await Grid.RegisterAsync());

        var response = await oauth.RevokeAsync(app.RefreshToken, authorization);

        await OAuthGrid.AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.True(OAuthGrid.ChallengesBasic(response));
        Assert.Equal(HttpStatusCode.OK, await Grid.Bearer(app.AccessToken).MeAsync());
    }

    /// <summary>Everything a client can observe of an answer: status, headers that vary by content, and the body.</summary>
    private static async Task<string> DescribeAsync(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.Content.Headers.ContentType} {response.Content.Headers.ContentLength} " +
        $"{response.Headers.CacheControl} [{Convert.ToHexString(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken))}]";
}
