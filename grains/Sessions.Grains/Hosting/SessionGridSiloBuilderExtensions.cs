using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Configuration.Overrides;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abuse;
using Sessions.Grains.Accounts;
using Sessions.Grains.Diagnostics;
using Sessions.Grains.Signals;
using Sessions.Grains.Storage;

namespace Sessions.Grains.Hosting;

/// <summary>Adds the session grid's grains, their storage and their options to a silo.</summary>
public static class SessionGridSiloBuilderExtensions
{
    /// <summary>
    /// Adds the grid to <paramref name="silo"/>, configured from <c>Sessions:*</c> (see <see cref="SessionOptions"/>,
    /// <see cref="SignInThrottleOptions"/>, <see cref="SessionStorageOptions"/>, <see cref="GridKeyOptions"/>,
    /// <see cref="AbuseOptions"/>), with grain state in SQLite unless <c>Sessions:Storage:Provider</c> says PostgreSQL.
    /// Options are validated at start.
    /// </summary>
    public static ISiloBuilder AddSessionGrid(this ISiloBuilder silo)
    {
        var services = silo.Services;
        var configuration = silo.Configuration;
        AddOptions<SessionOptions, SessionOptionsValidator>(services, configuration, SessionOptions.Section);
        AddOptions<SignInThrottleOptions, SignInThrottleOptionsValidator>(services, configuration, SignInThrottleOptions.Section);
        AddOptions<SessionStorageOptions, SessionStorageOptionsValidator>(services, configuration, SessionStorageOptions.Section);
        services.AddOptions<GridKeyOptions>().Bind(configuration.GetSection(GridKeyOptions.Section));
        services.Configure<PasswordHasherOptions>(configuration.GetSection("Sessions:PasswordHashing"));
        services.AddSessionGridAbuseOptions(configuration);
        services.AddSessionGridSignals(configuration);   // the Shared Signals transmitter (Signals/)

        services.TryAddKeyedSingleton(SessionGrid.ClockKey, TimeProvider.System);
        services.TryAddSingleton(sp => GridKeyFile.LoadRing(
            sp.GetRequiredService<IOptions<GridKeyOptions>>().Value,
            sp.GetRequiredService<IOptions<SessionStorageOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.TryAddSingleton<TokenCodec>();
        services.TryAddSingleton<PasswordHashGate>();
        services.TryAddSingleton<PasswordHashing>();
        services.TryAddSingleton<GridMetrics>();
        services.TryAddSingleton<GridDataSources>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SessionGridStartup>();

        silo.AddAdoNetGrainStorage(SessionGrid.AdoNetStorageName, builder => builder.Configure<IServiceProvider>((options, sp) =>
        {
            var storage = sp.GetRequiredService<IOptions<SessionStorageOptions>>().Value;
            if (storage.Provider == StorageProvider.PostgreSQL)
            {
                options.Invariant = SessionGrid.NpgsqlInvariant;
                options.DataSource = sp.GetRequiredService<GridDataSources>().For(storage.ConnectionString!);
            }
            else
            {
                options.Invariant = "System.Data.SQLite"; // Orleans' name for Microsoft.Data.Sqlite (dotnet/orleans AdoNetInvariants.cs; dotnet/orleans#8187)
                options.ConnectionString = new SqliteConnectionStringBuilder
                {
                    DataSource = DataPaths.SqliteFile(storage, sp.GetRequiredService<IHostEnvironment>().ContentRootPath),
                    Pooling = true,
                    DefaultTimeout = storage.SqliteBusyTimeoutSeconds,
                }.ToString();
            }

            // The Orleans binary serializer, not the default Newtonsoft JSON: that one writes CLR type and assembly
            // names into every row (renaming a class would break reads, and TypeNameHandling.All is a known
            // deserialisation hazard). Ours is compact and fast on the write path, and tolerant of added fields
            // through the [Id]s on the state classes — the same contract the grain calls already use.
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>());
        }));
        services.AddGrainStorage(SessionGrid.StorageName, (sp, _) =>
        {
            IGrainStorage inner = new VersionReadingGrainStorage(
                sp.GetRequiredKeyedService<IGrainStorage>(SessionGrid.AdoNetStorageName), CreateVersionReader(sp));
            if (sp.GetRequiredService<IOptions<SessionStorageOptions>>().Value.Provider == StorageProvider.Sqlite)
            {
                inner = new OffThreadGrainStorage(inner);
            }

            return inner;
        });
        return silo;
    }

    /// <summary>The version-only read for the recheck, on the very connections and service id the ADO.NET provider
    /// uses: its PostgreSQL data source, or a data source over its SQLite connection string (which holds no
    /// resources of its own: Microsoft.Data.Sqlite pools by connection string).</summary>
    private static StoredVersionReader CreateVersionReader(IServiceProvider sp)
    {
        var adoNet = sp.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(SessionGrid.AdoNetStorageName);
        var serviceId = sp.GetProviderClusterOptions(SessionGrid.AdoNetStorageName).Value.ServiceId;
        var dataSource = adoNet.DataSource ?? SqliteFactory.Instance.CreateDataSource(adoNet.ConnectionString!);
        return new StoredVersionReader(dataSource, serviceId);
    }

    private static void AddOptions<TOptions, TValidator>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }
}
