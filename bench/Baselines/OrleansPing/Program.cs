using Orleans.Concurrency;

// Reference point: what one Orleans grain call per request costs with none of the grid's logic. The bearer value
// names a grain (one of many, like user ids); the grain echoes it back from memory. Configuration:
//   Role        cohosted (default): web and silo in one process, like the grid's embedded default
//               silo: a silo on its own; client: web as an Orleans client of that silo through its gateway
//   SiloPort, GatewayPort   localhost clustering ports (defaults 11111, 30000)
var role = Environment.GetEnvironmentVariable("Role") ?? "cohosted";
if (role == "silo")
{
    var host = Host.CreateApplicationBuilder(args);
    host.UseOrleans(silo => UseClustering(silo, host.Configuration));
    await host.Build().RunAsync();
}
else
{
    var builder = WebApplication.CreateBuilder(args);
    if (role == "client")
    {
        builder.UseOrleansClient(client => client.UseLocalhostClustering(builder.Configuration.GetValue("GatewayPort", 30000)));
    }
    else
    {
        builder.UseOrleans(silo => UseClustering(silo, builder.Configuration));
    }

    var app = builder.Build();
    app.MapGet("/healthz", () => TypedResults.Ok());
    app.MapGet("/me", async Task<IResult> (HttpRequest request, IGrainFactory grains) =>
    {
        const string Prefix = "Bearer ";
        string? header = request.Headers.Authorization;
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return TypedResults.Unauthorized();
        }

        var key = header[Prefix.Length..];
        var echoed = await grains.GetGrain<IPingGrain>(key).PingAsync(key);
        return TypedResults.Ok(new Me(key, key, echoed, "ping"));
    });
    await app.RunAsync();
}

static ISiloBuilder UseClustering(ISiloBuilder silo, IConfiguration configuration) => silo.UseLocalhostClustering(
    configuration.GetValue("SiloPort", 11111),
    configuration.GetValue("GatewayPort", 30000));

/// <summary>A grain that answers from memory and does nothing else.</summary>
internal interface IPingGrain : IGrainWithStringKey
{
    /// <summary>Returns <paramref name="value"/>; interleaves like the grid's validation does.</summary>
    [AlwaysInterleave]
    ValueTask<string> PingAsync(string value);
}

internal sealed class PingGrain : Grain, IPingGrain
{
    public ValueTask<string> PingAsync(string value) => ValueTask.FromResult(value);
}

internal sealed record Me(string UserId, string Username, string SessionId, string Credential);
