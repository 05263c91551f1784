using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Diagnostics;
using Sessions.Grains.Hosting;
using Sessions.Web.Grid;

namespace Sessions.Web.Hosting;

/// <summary>Connects the front end to the grains: a co-hosted silo or a separate cluster, by configuration only.
/// Everything else in this project depends on <see cref="UserGrains"/> and <see cref="TokenCodec"/> alone.</summary>
public static class SessionGridBackendExtensions
{
    public static WebApplicationBuilder AddSessionGridBackend(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();
        var tracing = HostDiagnostics.ExportsOtlp(builder.Configuration);
        if (options.Silo == SiloMode.Embedded)
        {
            // The co-hosted silo registers the grid keys and the token codec; the grid key is generated next to the
            // SQLite file on first start unless configured.
            builder.UseOrleans(silo =>
            {
                silo.UseSessionGridClustering()
                    .AddSessionGrid()
                    .Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = options.GrainCallTimeout);
                if (options.Dashboard)
                {
                    silo.AddDashboard(dashboard => dashboard.HideTrace = true);
                }

                if (tracing)
                {
                    silo.AddActivityPropagation();
                }
            });
        }
        else
        {
            builder.UseOrleansClient(client =>
            {
                client.UseSessionGridClustering()
                    .UseConnectionRetryFilter(RetryForeverAsync)
                    .Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = options.GrainCallTimeout);
                if (options.Dashboard)
                {
                    client.AddDashboard(dashboard => dashboard.HideTrace = true);
                }

                if (tracing)
                {
                    client.AddActivityPropagation();
                }
            });

            // Serve /healthz (and answer 503 elsewhere) while the client is still looking for a gateway, instead of
            // refusing connections until the cluster is up: front ends and silos start in any order.
            builder.Services.Configure<HostOptions>(host => host.ServicesStartConcurrently = true);
            builder.Services.AddOptions<GridKeyOptions>().Bind(builder.Configuration.GetSection(GridKeyOptions.Section)).ValidateOnStart();
            builder.Services.AddSingleton<IValidateOptions<GridKeyOptions>, GridKeyOptionsValidator>();
            builder.Services.AddSingleton(sp =>
                sp.GetRequiredService<IOptions<GridKeyOptions>>().Value.TryCreateRing(out var ring, out var error)
                    ? ring
                    : throw new InvalidOperationException(error));
            builder.Services.AddSingleton<TokenCodec>();
        }

        builder.Services.AddOptions<WebOptions>().Bind(builder.Configuration.GetSection(WebOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WebOptions>, WebOptionsValidator>();
        builder.Services.AddSingleton<UserGrains>();
        builder.Services.AddSingleton<GrainReadRetry>();
        return builder;
    }

    /// <summary>Keeps trying to reach a gateway, once a second, until the host stops.</summary>
    private static async Task<bool> RetryForeverAsync(Exception exception, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }
}
