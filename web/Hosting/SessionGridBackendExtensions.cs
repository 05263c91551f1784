using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Hosting;

namespace Sessions.Web.Hosting;

/// <summary>Connects the front end to the grains: a co-hosted silo or a separate cluster, by configuration only.
/// Everything else in this project depends on <see cref="IGrainFactory"/> and <see cref="TokenCodec"/> alone.</summary>
public static class SessionGridBackendExtensions
{
    public static WebApplicationBuilder AddSessionGridBackend(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();
        if (options.Silo == SiloMode.Embedded)
        {
            // The co-hosted silo registers the grid keys and the token codec; the grid key is generated next to the
            // SQLite file on first start unless configured.
            builder.UseOrleans(silo => silo
                .UseSessionGridClustering()
                .AddSessionGrid()
                .Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = options.GrainCallTimeout));
        }
        else
        {
            var cluster = builder.Configuration.GetSection(ClusterIdentityOptions.Section).Get<ClusterIdentityOptions>() ?? new();
            builder.UseOrleansClient(client => client
                .UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId)
                .Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = options.GrainCallTimeout));
            builder.Services.AddOptions<GridKeyOptions>().Bind(builder.Configuration.GetSection(GridKeyOptions.Section));
            builder.Services.AddSingleton(sp =>
                sp.GetRequiredService<IOptions<GridKeyOptions>>().Value.TryCreateRing(out var ring, out var error)
                    ? ring
                    : throw new InvalidOperationException(error));
            builder.Services.AddSingleton<TokenCodec>();
        }

        builder.Services.AddOptions<WebOptions>().Bind(builder.Configuration.GetSection(WebOptions.Section));
        return builder;
    }
}
