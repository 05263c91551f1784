using Sessions.Grains.Hosting;

// A grid silo on its own: the user and username grains, their storage, and nothing else.
// Configuration: appsettings.json, then environment variables (Sessions__...), then the command line.
// A silo that cannot start (a wrong setting, an unreachable database) logs one line saying why and exits with 1.
var builder = Host.CreateApplicationBuilder(args);

builder.UseOrleans(silo => silo
    .UseSessionGridClustering()
    .AddSessionGrid());

return await builder.Build().RunSessionGridAsync();
