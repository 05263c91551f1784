using System.Text.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Scopes;

/// <summary>The OpenAPI document tells client authors about scopes: every endpoint that needs the "sessions" scope
/// declares its 403, token creation takes <c>scopes</c>, and created and listed tokens carry them.</summary>
[Collection(SharedWeb.Name)]
public sealed class ScopeContractDocumentTests(WebGridFixture fixture)
{
    private WebGrid Grid => fixture.Grid;

    [Theory]
    [InlineData("/auth/sessions", "get")]
    [InlineData("/auth/sessions/{id}", "delete")]
    [InlineData("/auth/logout-everywhere", "post")]
    [InlineData("/auth/tokens", "get")]
    [InlineData("/auth/tokens/{id}", "delete")]
    public async Task EveryEndpointThatNeedsTheSessionsScopeDeclaresItsRefusal(string path, string method)
    {
        var document = await DocumentAsync();

        var refusal = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty("403");

        Assert.Contains("\"sessions\" scope", refusal.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(refusal.GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Theory]
    [InlineData("CreateApiTokenRequest")]
    [InlineData("CreatedApiTokenResponse")]
    [InlineData("ApiTokenResponse")]
    public async Task TokenBodiesCarryScopes(string schema)
    {
        var document = await DocumentAsync();

        var properties = document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties");

        Assert.True(properties.TryGetProperty("scopes", out _), $"{schema} has no scopes");
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = Grid.NewClient();
        return JsonSerializer.Deserialize<JsonElement>(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
    }
}
