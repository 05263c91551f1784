using System.Text.Json.Serialization;
using Sessions.Web.Abuse;
using Sessions.Web.Apis;
using Sessions.Web.Apis.Contracts;
using Sessions.Web.Authentication;
using Sessions.Web.Events;
using Sessions.Web.Federation;
using Sessions.Web.Federation.GlobalRevocation;
using Sessions.Web.Federation.SharedSignals;
using Sessions.Web.Federation.SignIn;
using Sessions.Web.Hosting;
using Sessions.Web.Http;
using Sessions.Web.OpenApi;
using Sessions.Web.Security;
using Sessions.Web.Signals;

// The session grid front end: every request to a protected endpoint is judged by the user's grain (one call).
var builder = WebApplication.CreateBuilder(args);

builder.AddSessionGridBackend();                       // co-hosted silo on SQLite (default) or client of a cluster
builder.AddSessionGridObservability();                 // OpenTelemetry: Orleans + our meters, Prometheus, OTLP
builder.Services.AddSessionGridAuthentication();       // session grid (cookie or bearer), operator keys, resource servers
builder.Services.AddSessionGridAbuseLimits(builder.Configuration);   // sign-ins and registrations per client network, cluster-wide
builder.Services.AddSessionGridFederation();           // identity providers and signal transmitters: their keys, token validators
builder.Services.AddSessionGridFederatedSignIn(builder.Configuration);   // sign-in through each provider (OpenID Connect), its back-channel logout
builder.Services.AddSessionGridSignals();              // the grid as a transmitter: its metadata and keys, receivers' state
builder.Services.AddSessionGridHealthChecks();
builder.Services.AddSessionGridEventStreams();         // GET /auth/events: live sign-out on open pages and clients
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = Problems.WithoutTraceIdBelow500);
builder.Services.AddExceptionHandler<GridExceptionHandler>();
builder.Services.AddSessionGridOpenApi();               // /openapi/v1.json: every endpoint and its answers
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJson.Default);
    options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    options.SerializerOptions.AllowDuplicateProperties = false;
});
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = 64 * 1024;
    kestrel.AddServerHeader = false;
});

var app = builder.Build();

app.UseTrustedProxies();                               // X-Forwarded-* only from configured proxies
app.UseExceptionHandler();
app.UseMiddleware<SecurityHeaders>();
app.UseMiddleware<UnknownHostGuard>();                  // only the hosts of Sessions:Web:PublicOrigins (default: loopback)
app.UseMiddleware<UrlCredentialGuard>();                // no credentials in URLs
app.UseWhen(StaticFiles.MayServe, page => page.UseDefaultFiles().UseStaticFiles());   // the page, never for API paths
app.UseWhen(context => CrossSiteRequestGuard.Covers(context.Request.Path), guarded => guarded.UseMiddleware<CrossSiteRequestGuard>());
app.UseAuthorization();

app.MapGroup("/auth")
    .MapAccountsApi()
    .MapSessionsApi()
    .MapApiTokensApi()
    .MapForwardAuthApi()
    .MapFederationApi()
    .MapBackChannelLogoutApi();
app.MapGroup("/auth")
    .MapEventsApi();                                   // live sign-out: Server-Sent Events until the credential ends
app.MapGroup("/oauth")
    .MapOAuthApi();
app.MapGroup("/admin")
    .MapAdminApi()
    .MapAdminSignalsApi();
app.MapGroup("/admin")
    .MapAccountLifecycleApi();                         // disable, enable, delete a user
app.MapGlobalTokenRevocationApi();                     // POST /oauth/global-token-revocation: a provider or operator signs a user out everywhere
app.MapSecurityEventsApi();                            // POST /ssf/events: Shared Signals push receiver (RFC 8935)
app.MapAuthorizationServerMetadataApi();               // /.well-known/oauth-authorization-server (RFC 8414)
app.MapSignalsApi();                                    // /.well-known/jwks.json and /.well-known/ssf-configuration
app.MapSessionGridOpenApi();
app.MapSessionGridHealth();                             // /healthz (local) and /readyz (cluster + storage)
app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Policies.Admin);
app.MapSessionGridDashboard();                          // /dashboard (operator key) unless Sessions:Web:Dashboard=false

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
