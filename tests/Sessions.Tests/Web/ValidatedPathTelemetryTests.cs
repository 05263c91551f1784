using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Web;

/// <summary>A front end with an operator key and the Orleans dashboard turned off (<c>Sessions:Web:Dashboard</c>).</summary>
public sealed class DashboardOffWebFixture() : WebGridFixture(new WebGrid(new Dictionary<string, string?>
{
    ["Sessions:Admin:Keys:oncall"] = OperatorKey,
    ["Sessions:Web:Dashboard"] = "false",
}))
{
    public const string OperatorKey = "operator-key-for-tests-0123456789";
}

/// <summary>What the validated path reports about itself, and the switch that takes the dashboard's telemetry off it.</summary>
public sealed class ValidatedPathTelemetryTests(DashboardOffWebFixture fixture) : IClassFixture<DashboardOffWebFixture>
{
    private WebGrid Grid => fixture.Grid;

    [Fact]
    public async Task ValidationsAreCountedAndTimedWithoutThePerRequestAuthenticationAndAuthorizationInstruments()
    {
        var username = await Grid.RegisterAsync();
        using var app = Grid.Bearer((await Grid.SignInAppAsync(username)).AccessToken);
        using var operatorClient = Grid.NewClient();
        operatorClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DashboardOffWebFixture.OperatorKey);

        var me = await app.MeAsync();
        var metrics = await operatorClient.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, me);
        Assert.Contains("sessions_validations", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_authentication_authenticate_duration", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_authorization_attempts", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_routing_match_attempts", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTheDashboardOffItsRouteIsGoneAndValidationWorksAsBefore()
    {
        var username = await Grid.RegisterAsync();
        using var app = Grid.Bearer((await Grid.SignInAppAsync(username)).AccessToken);
        using var browser = Grid.NewClient();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{DashboardOffWebFixture.OperatorKey}")));

        var dashboard = await browser.GetAsync("/dashboard/");
        var me = await app.MeAsync();

        Assert.Equal(HttpStatusCode.NotFound, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me);
    }
}
