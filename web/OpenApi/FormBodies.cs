using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Sessions.Web.OpenApi;

/// <summary>Adds the request body of endpoints that declare <see cref="FormBodyMetadata"/>.</summary>
internal sealed class FormBodies : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<FormBodyMetadata>().FirstOrDefault() is not { } form)
        {
            return;
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [form.ContentType] = new() { Schema = await context.GetOrCreateSchemaAsync(form.Fields, null, cancellationToken) },
            },
        };
    }
}
