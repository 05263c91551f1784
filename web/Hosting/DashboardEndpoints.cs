using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Sessions.Web.Authentication;

namespace Sessions.Web.Hosting;

/// <summary>The Orleans dashboard at <c>/dashboard</c>, behind an operator key, unless <see cref="WebOptions.Dashboard"/>
/// turns it off.</summary>
public static class DashboardEndpoints
{
    public static WebApplication MapSessionGridDashboard(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<WebOptions>>().Value.Dashboard)
        {
            app.MapOrleansDashboard("/dashboard").RequireAuthorization(Policies.Admin).ExcludeFromDescription();
        }

        return app;
    }
}
