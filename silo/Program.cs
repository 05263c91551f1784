using Orleans.Dashboard;
using Sessions.Grains.Diagnostics;
using Sessions.Grains.Hosting;
using Sessions.Silo.Operations;

// A grid silo on its own: the user and username grains and their storage, plus a management endpoint
// (/healthz, /readyz, /metrics) on Sessions:Silo:ManagementUrls.
// Configuration: appsettings.json, then environment variables (Sessions__...), then the command line.
// A silo that cannot start (a wrong setting, an unreachable database) logs one line saying why and exits with 1.
var builder = WebApplication.CreateSlimBuilder(args);

builder.AddSiloManagement();
builder.UseOrleans(silo =>
{
    silo.UseSessionGridClustering()
        .AddSessionGrid()
        .AddDashboard(dashboard => dashboard.HideTrace = true);   // the data behind a front end's /dashboard
    if (HostDiagnostics.ExportsOtlp(builder.Configuration))
    {
        silo.AddActivityPropagation();
    }
});

var app = builder.Build();
app.MapSiloManagement();

return await app.RunSessionGridAsync();
