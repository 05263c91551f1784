using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sessions.Web.Apis.Contracts;
using Sessions.Web.Http;

namespace Sessions.Bench.Micro.Benchmarks;

/// <summary>
/// The endpoint's answer: <see cref="Serialize"/> writes a <see cref="MeResponse"/> with the web's source-generated
/// <see cref="ApiJson"/> context into a reused buffer; <see cref="TypedResultOk"/> runs <c>TypedResults.Ok(me)</c> as
/// the endpoint returns it, on JSON options configured as web/Program.cs configures them (resolving the type info,
/// the content type, the body writer), into a body that is thrown away (<see cref="DiscardingResponseBody"/>); <see cref="JsonOkResult"/> runs the web's
/// <see cref="JsonOk{TValue}"/>, which <c>GET /auth/me</c> returns now, the same way.
/// </summary>
[MemoryDiagnoser]
public class ResponseJsonBenchmarks : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly DiscardingResponseBody _body = new();
    private readonly MeResponse _me = new(Guid.NewGuid().ToString("N"), "micro-user", Guid.NewGuid().ToString("N"), "app");
    private Utf8JsonWriter _writer = null!;
    private ServiceProvider _services = null!;

    [GlobalSetup]
    public void Setup()
    {
        _writer = new Utf8JsonWriter(_buffer);
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJson.Default));
        _services = services.BuildServiceProvider();
        _ = _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JsonOptions>>().Value;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _writer.Dispose();
        _services.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public int Serialize()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        JsonSerializer.Serialize(_writer, _me, ApiJson.Default.MeResponse);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public async Task<int> TypedResultOk()
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Features.Set<IHttpResponseBodyFeature>(_body);
        await TypedResults.Ok(_me).ExecuteAsync(context);
        return context.Response.StatusCode;
    }

    [Benchmark]
    public async Task<int> JsonOkResult()
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Features.Set<IHttpResponseBodyFeature>(_body);
        await new JsonOk<MeResponse>(_me, ApiJson.Default.MeResponse).ExecuteAsync(context);
        return context.Response.StatusCode;
    }
}
