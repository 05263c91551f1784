using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Sessions.Web.Security;

namespace Sessions.Web.OpenApi;

/// <summary>
/// Adds the answers that middleware gives before an endpoint runs, on every operation it can reach: 400 for a
/// credential in the URL (<see cref="UrlCredentialGuard"/>) or a host this server is not published under
/// (<see cref="UnknownHostGuard"/>), 403 for a cross-site state change
/// (<see cref="CrossSiteRequestGuard"/>), 413 and 415 for a JSON body that is too large or not JSON; and the
/// <c>Retry-After</c> header of every 429 and 503 (the grid writes it on each, see <c>Http/GridUnavailable</c>).
/// </summary>
internal sealed class MiddlewareResponses : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var responses = operation.Responses ??= [];
        var problem = await DeclaredResponses.SchemaOf(context, typeof(ProblemDetails), cancellationToken);
        AddProblem(responses, StatusCodes.Status400BadRequest,
            "A credential in the URL (send it in the Authorization header or the cookie), or a host that is not one of Sessions:Web:PublicOrigins, is refused.",
            problem);
        if (CrossSiteRequestGuard.Covers(new PathString("/" + context.Description.RelativePath))
            && CrossSiteRequestGuard.IsStateChanging(context.Description.HttpMethod ?? HttpMethods.Get))
        {
            AddProblem(responses, StatusCodes.Status403Forbidden, "A cross-site state change is refused (Sec-Fetch-Site, Origin).", problem);
        }

        if (operation.RequestBody?.Content?.ContainsKey("application/json") == true)
        {
            AddProblem(responses, StatusCodes.Status413PayloadTooLarge, "The body is larger than 64 KiB.", problem);
            AddProblem(responses, StatusCodes.Status415UnsupportedMediaType, "The body is not application/json.", problem);
        }

        foreach (var (status, response) in responses)
        {
            if (status is "429" or "503" && response is OpenApiResponse declared)
            {
                (declared.Headers ??= new Dictionary<string, IOpenApiHeader>())["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                };
            }
        }
    }

    /// <summary>Adds a problem body to the response of <paramref name="status"/>, creating it if the endpoint declared none.</summary>
    private static void AddProblem(OpenApiResponses responses, int status, string description, IOpenApiSchema problem)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!responses.TryGetValue(key, out var existing) || existing is not OpenApiResponse response)
        {
            response = new OpenApiResponse { Description = description };
            responses[key] = response;
        }

        response.Content ??= new Dictionary<string, OpenApiMediaType>();
        response.Content.TryAdd(ProblemJson, new OpenApiMediaType { Schema = problem });
    }
}
