using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Sessions.Web.OpenApi;

/// <summary>
/// Completes each operation's responses from what its endpoint declares: ASP.NET's API explorer keeps one body type
/// per status code, so a 200 that is one of two shapes (sign-in) or a 503 that is an OAuth error or a problem
/// (introspection) would lose one; and it drops the descriptions the declarations carry.
/// </summary>
internal sealed class DeclaredResponses : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var declared = context.Description.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>();
        var responses = operation.Responses ??= [];
        foreach (var status in declared.GroupBy(metadata => metadata.StatusCode))
        {
            var key = status.Key.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!responses.TryGetValue(key, out var existing) || existing is not OpenApiResponse response)
            {
                response = new OpenApiResponse();
                responses[key] = response;
            }

            response.Description = status.Select(metadata => metadata.Description).FirstOrDefault(d => d is not null)
                ?? response.Description ?? ReasonPhrases.GetReasonPhrase(status.Key);
            foreach (var body in status.Where(HasBody).SelectMany(m => ContentTypes(m).Select(type => (ContentType: type, m.Type))).GroupBy(b => b.ContentType))
            {
                var schemas = new List<IOpenApiSchema>();
                foreach (var type in body.Select(b => b.Type!).Distinct())
                {
                    schemas.Add(await SchemaOf(context, type, cancellationToken));
                }

                response.Content ??= new Dictionary<string, OpenApiMediaType>();
                response.Content[body.Key] = new OpenApiMediaType { Schema = schemas.Count == 1 ? schemas[0] : new OpenApiSchema { OneOf = schemas } };
            }
        }
    }

    private static bool HasBody(IProducesResponseTypeMetadata metadata) => metadata.Type is { } type && type != typeof(void);

    private static IEnumerable<string> ContentTypes(IProducesResponseTypeMetadata metadata) =>
        metadata.ContentTypes.Any() ? metadata.ContentTypes : ["application/json"];

    /// <summary>A reference to the type's component schema when the document has one, else the schema itself.</summary>
    internal static async Task<IOpenApiSchema> SchemaOf(OpenApiOperationTransformerContext context, Type type, CancellationToken cancellationToken) =>
        context.Document?.Components?.Schemas?.ContainsKey(type.Name) == true
            ? new OpenApiSchemaReference(type.Name, context.Document)
            : await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
}
