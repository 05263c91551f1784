using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Web;

/// <summary>
/// The OpenAPI document at /openapi/v1.json lists every endpoint the front end maps, with the answers its contract
/// promises, so an endpoint added without documentation fails here. Left out, as owned by frameworks rather than
/// by this API: the document itself (/openapi/{documentName}.json), /metrics (the Prometheus exporter),
/// /dashboard/* (the Orleans dashboard) and /healthz and /readyz (the health-check middleware; probes are for
/// orchestrators, see docs/operations.md).
/// </summary>
[Collection(SharedWeb.Name)]
public sealed class OpenApiDocumentTests(WebGridFixture web)
{
    private static readonly string[] FrameworkOwned = ["/openapi", "/metrics", "/dashboard", "/healthz", "/readyz"];

    private WebGrid Grid => web.Grid;

    [Fact]
    public async Task TheDocumentIsServedToAnyoneAndNeverCached()
    {
        using var anonymous = Grid.NewClient();

        var response = await anonymous.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task EveryMappedEndpointIsInTheDocumentWithItsMethod()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        var missing = MappedOperations().Where(mapped => OperationIn(paths, mapped) is null).Select(Name).ToList();

        Assert.NotEmpty(MappedOperations());
        Assert.True(missing.Count == 0, "Not in the OpenAPI document: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task EveryOperationListsTheAnswersItsContractPromises()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        var gaps = MappedOperations()
            .Where(mapped => OperationIn(paths, mapped) is not null)
            .SelectMany(mapped => Gaps(mapped.Endpoint, OperationIn(paths, mapped)!.Value).Select(gap => $"{Name(mapped)}: {gap}"))
            .ToList();

        Assert.True(gaps.Count == 0, string.Join("\n", gaps));
    }

    /// <summary>What an operation's responses lack: 503 with Retry-After on every endpoint (every one may find the
    /// grid unable to decide), 401 on authenticated ones, 400 on ones with a body (a problem for JSON bodies), and
    /// Retry-After on any 429.</summary>
    private static IEnumerable<string> Gaps(RouteEndpoint endpoint, JsonElement operation)
    {
        var responses = operation.GetProperty("responses");
        if (!responses.TryGetProperty("503", out var unavailable) || !HasHeader(unavailable, "Retry-After"))
        {
            yield return "no 503 with Retry-After";
        }

        if (endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 && !responses.TryGetProperty("401", out _))
        {
            yield return "authenticated, but no 401";
        }

        if (operation.TryGetProperty("requestBody", out var body))
        {
            if (!responses.TryGetProperty("400", out var badRequest))
            {
                yield return "has a body, but no 400";
            }
            else if (body.GetProperty("content").TryGetProperty("application/json", out _) && !HasContent(badRequest, "application/problem+json"))
            {
                yield return "has a JSON body, but its 400 is no problem+json";
            }
        }

        if (responses.TryGetProperty("429", out var tooMany) && !HasHeader(tooMany, "Retry-After"))
        {
            yield return "429 without Retry-After";
        }
    }

    /// <summary>Every method of every route this front end maps, except the framework-owned ones.</summary>
    private List<(RouteEndpoint Endpoint, string Method, string Path)> MappedOperations() =>
        Grid.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => !FrameworkOwned.Any(prefix => endpoint.RoutePattern.RawText!.StartsWith(prefix, StringComparison.Ordinal)))
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["(any method)"])
                .Select(method => (endpoint, method, endpoint.RoutePattern.RawText!)))
            .ToList();

    private static string Name((RouteEndpoint Endpoint, string Method, string Path) mapped) => $"{mapped.Method} {mapped.Path}";

    private static JsonElement? OperationIn(JsonElement paths, (RouteEndpoint Endpoint, string Method, string Path) mapped) =>
        paths.TryGetProperty(mapped.Path, out var item) && item.TryGetProperty(mapped.Method.ToLowerInvariant(), out var operation)
            ? operation
            : null;

    private static bool HasHeader(JsonElement response, string header) =>
        response.TryGetProperty("headers", out var headers) && headers.TryGetProperty(header, out _);

    private static bool HasContent(JsonElement response, string mediaType) =>
        response.TryGetProperty("content", out var content) && content.TryGetProperty(mediaType, out _);

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = Grid.NewClient();
        return JsonSerializer.Deserialize<JsonElement>(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
    }
}
