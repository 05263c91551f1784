using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Web;

/// <summary>A front end with an operator key configured.</summary>
public sealed class OperatorWebFixture() : WebGridFixture(new WebGrid(new Dictionary<string, string?> { ["Sessions:Admin:Keys:oncall"] = OperatorKey }))
{
    public const string OperatorKey = "operator-key-for-tests-0123456789";
}

/// <summary>Probes, metrics, dashboard and the admin API: what operators rely on.</summary>
public sealed class OperationsTests(OperatorWebFixture fixture) : IClassFixture<OperatorWebFixture>
{
    private WebGrid Grid => fixture.Grid;

    [Fact]
    public async Task LivenessAndReadinessAnswerWhenTheClusterAndStorageDo()
    {
        using var client = Grid.NewClient();

        var live = await client.GetAsync("/healthz");
        var ready = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/dashboard/")]
    [InlineData("/admin/users/00000000000000000000000000000001/sessions")]
    public async Task OperatorEndpointsAreClosedWithoutTheOperatorKey(string path)
    {
        using var anonymous = Grid.NewClient();
        using var wrongKey = Operator("not-the-operator-key-but-long-enough");
        var username = await Grid.RegisterAsync();
        using var user = Grid.Bearer((await Grid.SignInAppAsync(username)).AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task MetricsAndTheDashboardOpenWithTheOperatorKey()
    {
        var username = await Grid.RegisterAsync();
        using var app = Grid.Bearer((await Grid.SignInAppAsync(username)).AccessToken);
        await app.MeAsync();
        using var operatorClient = Operator(OperatorWebFixture.OperatorKey);
        using var browser = Grid.NewClient();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{OperatorWebFixture.OperatorKey}")));

        var metrics = await operatorClient.GetStringAsync("/metrics");
        var dashboard = await browser.GetAsync("/dashboard/");

        Assert.Contains("sessions_validations", metrics, StringComparison.Ordinal);
        Assert.Contains("outcome=\"valid\"", metrics, StringComparison.Ordinal);
        Assert.Contains("sessions_sign_ins", metrics, StringComparison.Ordinal);
        Assert.Contains("orleans_", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("sga_", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task AnOperatorCanListAUsersSessionsAndSignThemOutEverywhereAndEachActionIsAudited()
    {
        var username = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username, "laptop");
        var phone = await Grid.SignInAppAsync(username, "phone");
        var token = await laptop.CreateApiTokenAsync("ci");
        using var operatorClient = Operator(OperatorWebFixture.OperatorKey);

        var listed = await operatorClient.GetFromJsonAsync<AdminView>($"/admin/users/{phone.UserId}/sessions");
        var signOut = await operatorClient.PostAsync($"/admin/users/{phone.UserId}/logout-everywhere", null);
        var after = await operatorClient.GetFromJsonAsync<AdminView>($"/admin/users/{phone.UserId}/sessions");

        Assert.Equal((username, 2, 1), (listed!.Username, listed.Sessions.Length, listed.ApiTokens.Length));
        Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await laptop.MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await Grid.Bearer(phone.AccessToken).MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await Grid.Bearer(token.Token).MeAsync());
        Assert.Empty(after!.Sessions);
        Assert.Contains(after.AuditTrail, e => e.Kind == "AdminAction" && e.Detail == "operator 'oncall': sign out everywhere");
        Assert.Contains(after.AuditTrail, e => e.Kind == "AdminAction" && e.Detail == "operator 'oncall': listed sessions");
        Assert.Contains(after.AuditTrail, e => e.Kind == "SignedOutEverywhere");
    }

    [Fact]
    public async Task AdminCallsForUnknownOrMalformedUserIdsChangeNothingAndSaySo()
    {
        using var operatorClient = Operator(OperatorWebFixture.OperatorKey);

        var unknown = await operatorClient.PostAsync($"/admin/users/{Guid.NewGuid():N}/logout-everywhere", null);
        var malformed = await operatorClient.GetAsync("/admin/users/not-a-user/sessions");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    private HttpClient Operator(string key)
    {
        var client = Grid.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private sealed record AdminView(string UserId, string Username, SessionRow[] Sessions, CreatedTokenRow[] ApiTokens, AuditRow[] AuditTrail);

    private sealed record CreatedTokenRow(string Id, string Name);

    private sealed record AuditRow(string Kind, string? Detail);
}
