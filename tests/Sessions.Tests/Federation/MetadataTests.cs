using System.Net;
using System.Text.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>GET /.well-known/oauth-authorization-server (RFC 8414): where the grid's standard endpoints are and how each
/// authenticates its callers, under the origin the metadata was fetched at.</summary>
public sealed class MetadataTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheMetadataNamesTheIssuerTheThreeEndpointsAndTheirAuthenticationMethods()
    {
        await using var grid = new WebGrid();

        var metadata = await MetadataAsync(grid, host: null);

        Assert.Equal("https://localhost", metadata.GetProperty("issuer").GetString());
        Assert.Equal("https://localhost/oauth/introspect", metadata.GetProperty("introspection_endpoint").GetString());
        Assert.Equal("https://localhost/oauth/revoke", metadata.GetProperty("revocation_endpoint").GetString());
        Assert.Equal("https://localhost/oauth/global-token-revocation", metadata.GetProperty("global_token_revocation_endpoint").GetString());
        Assert.Equal(["client_secret_basic"], Strings(metadata, "introspection_endpoint_auth_methods_supported"));
        Assert.Equal(["none", "client_secret_basic"], Strings(metadata, "revocation_endpoint_auth_methods_supported"));
        Assert.Equal(["private_key_jwt", "Bearer"], Strings(metadata, "global_token_revocation_endpoint_auth_methods_supported"));
        var algorithms = Strings(metadata, "global_token_revocation_endpoint_auth_signing_alg_values_supported");
        Assert.Contains("RS256", algorithms);
        Assert.DoesNotContain(algorithms, alg => alg.StartsWith("HS", StringComparison.Ordinal) || alg == "none");
    }

    [Fact]
    public async Task BehindAPublicOriginTheIssuerAndEndpointsAreUnderThatOrigin()
    {
        await using var grid = new WebGrid(new Dictionary<string, string?> { ["Sessions:Web:PublicOrigins:0"] = "https://login.example.test" });

        var metadata = await MetadataAsync(grid, host: "login.example.test");

        Assert.Equal("https://login.example.test", metadata.GetProperty("issuer").GetString());
        Assert.Equal("https://login.example.test/oauth/global-token-revocation", metadata.GetProperty("global_token_revocation_endpoint").GetString());
    }

    private static async Task<JsonElement> MetadataAsync(WebGrid grid, string? host)
    {
        using var client = grid.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/oauth-authorization-server");
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        var response = await client.SendAsync(request, Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(Cancellation));
    }

    private static string[] Strings(JsonElement metadata, string name) =>
        metadata.GetProperty(name).EnumerateArray().Select(value => value.GetString()!).ToArray();
}
