using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Hosting;

namespace Sessions.Bench.Scaling.Grid;

/// <summary>
/// The real grid in this process, built exactly as the silo builds it (<c>UseSessionGridClustering().AddSessionGrid()</c>
/// configured from <c>Sessions:*</c> keys), on free loopback ports, with a grid key generated for the run. The grain
/// factory is the co-hosted client the embedded web front end uses.
/// </summary>
internal sealed class BenchGrid : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchGrid(IHost host, GridStorage storage)
    {
        _host = host;
        Storage = storage;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        Codec = host.Services.GetRequiredService<TokenCodec>();
        Options = host.Services.GetRequiredService<IOptions<SessionOptions>>().Value;
        ServiceId = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        var adoNet = host.Services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(SessionGrid.AdoNetStorageName);
        StorageSerializer = adoNet.GrainStorageSerializer;
        HashPicker = adoNet.HashPicker;
    }

    public IServiceProvider Services => _host.Services;

    public GridStorage Storage { get; }

    public IGrainFactory Grains { get; }

    /// <summary>The grid's token codec, holding the key ring from configuration.</summary>
    public TokenCodec Codec { get; }

    /// <summary>The lifetimes and limits the grid runs with.</summary>
    public SessionOptions Options { get; }

    /// <summary>The service id every stored row is keyed by.</summary>
    public string ServiceId { get; }

    /// <summary>The serializer the ADO.NET provider writes payloads with (the grid sets the Orleans binary one).</summary>
    public IGrainStorageSerializer StorageSerializer { get; }

    /// <summary>The hasher picker the ADO.NET provider computes the key hash columns with.</summary>
    public IStorageHasherPicker HashPicker { get; }

    public IUserGrain User(Guid userId) => Grains.GetGrain<IUserGrain>(GridIds.Format(userId));

    /// <summary>What the front end's authentication handler does for a request: the token's shape and MAC are
    /// checked here, then the user's grain judges it (one grain call).</summary>
    /// <returns>True when the grain found the credential valid.</returns>
    public async ValueTask<bool> ValidateAsync(string token)
    {
        if (!Codec.TryRead(token, out var fields))
        {
            return false;
        }

        var verdict = await User(fields.UserId).ValidateAsync(token);
        return verdict.IsValid;
    }

    /// <summary>Starts a grid on <paramref name="storage"/>; <paramref name="settings"/> add or override keys.</summary>
    public static async Task<BenchGrid> StartAsync(GridStorage storage, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Sessions:Cluster:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sessions:Cluster:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sessions:GridKeys:Keys:1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Sessions:GridKeys:ActiveId"] = "1",
            ["Sessions:GridKeys:GenerateIfMissing"] = "false",
            // Access tokens outlive the run (as in bench/run); nothing measured depends on their lifetime.
            ["Sessions:AccessTokenLifetime"] = "02:00:00",
            // The write benchmark signs in from 64 callers at once: they all wait their turn for a hashing thread
            // (the product's bound, Sessions:Abuse:MaxConcurrentPasswordHashes) rather than being told "busy".
            ["Sessions:Abuse:PasswordHashQueueLength"] = "1024",
        };
        foreach (var (key, value) in storage.Settings())
        {
            configuration[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.AddFilter("Polly", LogLevel.Error);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(
            console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.UseOrleans(silo => silo.UseSessionGridClustering().AddSessionGrid());
        var host = builder.Build();
        await host.StartAsync();
        return new BenchGrid(host, storage);
    }

    public async ValueTask DisposeAsync()
    {
        // A graceful stop writes every active user's pending "last seen": not part of any measurement.
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _host.StopAsync(stopping.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
