using Sessions.Grains.Hosting;

// A grid silo on its own: the user and username grains, their storage, and nothing else.
// Configuration: appsettings.json, then environment variables (Sessions__...), then the command line.
var builder = Host.CreateApplicationBuilder(args);

builder.UseOrleans(silo => silo
    .UseSessionGridClustering()
    .AddSessionGrid());

await builder.Build().RunAsync();
