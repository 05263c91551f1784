using System.Buffers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;

namespace Sessions.Web.Http;

/// <summary>
/// 200 with a JSON body written straight from its source-generated type info: one synchronous serialization, the
/// exact Content-Length, one write into the response pipe. For answers on the validated path (<c>GET /auth/me</c>):
/// <c>TypedResults.Ok(value)</c> resolves the JSON options and a logger from the request's services and serializes
/// asynchronously on every request, which the profile shows as a stage of its own (bench/README.md, "Where the time
/// goes"). It declares what <c>Ok&lt;TValue&gt;</c> declares, so the OpenAPI document is the same.
/// </summary>
/// <typeparam name="TValue">The body's type, registered in <c>ApiJson</c>.</typeparam>
public sealed class JsonOk<TValue> : IResult, IStatusCodeHttpResult, IValueHttpResult<TValue>, IContentTypeHttpResult, IEndpointMetadataProvider
{
    private const string Json = "application/json; charset=utf-8";

    private static readonly string[] JsonContentTypes = ["application/json"];

    private readonly JsonTypeInfo<TValue> _typeInfo;

    /// <summary>Creates the answer.</summary>
    /// <param name="value">The body.</param>
    /// <param name="typeInfo">Its source-generated type info (for example <c>ApiJson.Default.MeResponse</c>).</param>
    public JsonOk(TValue value, JsonTypeInfo<TValue> typeInfo)
    {
        Value = value;
        _typeInfo = typeInfo;
    }

    public TValue Value { get; }

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => Json;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(Value, _typeInfo);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = Json;
        response.ContentLength = body.Length;
        response.BodyWriter.Write(body);
        return Task.CompletedTask;
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TValue), JsonContentTypes));
    }
}
