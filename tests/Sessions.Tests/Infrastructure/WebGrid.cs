using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Hosting;

namespace Sessions.Tests.Infrastructure;

/// <summary>
/// The real web front end (Program) with its co-hosted silo on a fresh SQLite file and its own ports, a fake
/// clock for the grains, and a counter of grain calls. Clients talk to it in memory over https://localhost.
/// With <c>injectStorageFaults</c>, the co-hosted silo's grain storage is wrapped so <see cref="Faults"/> can make
/// writes and reads of chosen grains fail.
/// </summary>
public sealed class WebGrid : WebApplicationFactory<Program>
{
    private readonly TestSettings _settings;

    public WebGrid(IReadOnlyDictionary<string, string?>? settings = null, bool injectStorageFaults = false)
    {
        Faults = injectStorageFaults ? new StorageFaults() : null;
        _settings = new TestSettings().WithClusterPorts();
        _settings["Logging:LogLevel:Default"] = "Warning";
        _settings.With(settings);
    }

    public string DataDirectory => _settings.DataDirectory;

    /// <summary>Set when the grid serves real HTTP (see <see cref="StartOnKestrel"/>).</summary>
    public Uri? ServerAddress { get; private set; }

    public FakeTimeProvider Clock { get; } = TestClock.New();

    public GrainCallCounter GrainCalls { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Storage faults to arm, when the grid was made with <c>injectStorageFaults</c>.</summary>
    public StorageFaults? Faults { get; }

    /// <summary>Where clients send requests: the loopback port when the grid is on Kestrel, else the in-memory server.</summary>
    private Uri ClientAddress => ServerAddress ?? new Uri("https://localhost");

    /// <summary>A grid listening on a real loopback port, for real clients (browsers, curl, proxies).</summary>
    public static WebGrid StartOnKestrel(IReadOnlyDictionary<string, string?>? settings = null, bool injectStorageFaults = false)
    {
        var port = FreePorts.Next();
        var grid = new WebGrid(settings, injectStorageFaults);
        grid.UseKestrel(port);
        grid.StartServer();
        grid.ServerAddress = new Uri($"http://localhost:{port}");
        return grid;
    }

    /// <summary>The grain id of a user's grain, to arm storage faults for it.</summary>
    public GrainId UserGrainId(string userId) => Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(userId).GetGrainId();

    /// <summary>A client that keeps cookies, like one browser (one device).</summary>
    public HttpClient NewDevice() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = ClientAddress,
        HandleCookies = true,
        AllowAutoRedirect = false,
    });

    /// <summary>A client without cookies (an app, a script, an attacker).</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = ClientAddress,
        HandleCookies = false,
        AllowAutoRedirect = false,
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings.Values)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddKeyedSingleton<TimeProvider>(SessionGrid.ClockKey, Clock);
            services.AddSingleton<IIncomingGrainCallFilter>(GrainCalls);
            if (Faults is { } faults)
            {
                FaultInjectingGrainStorage.Install(services, faults);
            }
        });
    }
}
