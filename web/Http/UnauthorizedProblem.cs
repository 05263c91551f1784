using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Sessions.Web.Http;

/// <summary>The one 401 problem, as an endpoint result (for credentials presented in a body, like refresh tokens).
/// Endpoints that return it declare the 401 in the OpenAPI document by doing so.</summary>
public sealed class UnauthorizedProblem : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public static readonly UnauthorizedProblem Instance = new();

    private UnauthorizedProblem()
    {
    }

    public int? StatusCode => StatusCodes.Status401Unauthorized;

    public Task ExecuteAsync(HttpContext httpContext) => Problems.WriteUnauthorizedAsync(httpContext);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), ["application/problem+json"])
        {
            Description = "The credential is missing, invalid, expired or revoked (one body for all). Sign in again.",
        });
}
