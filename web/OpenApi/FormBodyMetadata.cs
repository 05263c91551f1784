namespace Sessions.Web.OpenApi;

/// <summary>Documents a form body (<c>application/x-www-form-urlencoded</c>) whose fields are the JSON properties of
/// <paramref name="Fields"/>, for an endpoint that reads its form itself. Unlike <c>Accepts</c> it adds no content-type
/// matching, so a request of another type still reaches the endpoint and gets its own error body. Endpoints that read
/// another kind of body themselves (JSON read strictly, a security event token) name its <paramref name="ContentType"/>.</summary>
internal sealed record FormBodyMetadata(Type Fields, string ContentType = "application/x-www-form-urlencoded");
