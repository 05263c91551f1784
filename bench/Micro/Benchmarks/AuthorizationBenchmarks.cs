using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sessions.Web.Authentication;
using Sessions.Web.Authentication.SessionGrid;

namespace Sessions.Bench.Micro.Benchmarks;

/// <summary>
/// What ASP.NET Core's authorization middleware does for <c>GET /auth/me</c> around our handler, with the web's own
/// policies (<see cref="Policies.Add"/>): <see cref="PolicyAuthorize"/> evaluates the default policy for an
/// authenticated principal; <see cref="AuthenticateAndAuthorize"/> is the middleware's whole per-request work with a
/// handler that does nothing (<see cref="StubAuthenticationHandler"/>) — a request scope, the handler resolved and
/// initialised for the request, its result, the principal merged for the policy's scheme, then the policy.
/// The difference to the grid's real handler is the handler's own work (see the other benchmarks).
/// <see cref="AuthenticateAndAuthorizeGridEvaluator"/> is the same with the web's <see cref="SessionGridPolicyEvaluator"/>
/// (what the front end registers): the default policy met by the scheme's own principal, without merge and handlers.
/// </summary>
[MemoryDiagnoser]
public class AuthorizationBenchmarks
{
    private ServiceProvider _services = null!;
    private IAuthorizationService _authorization = null!;
    private IPolicyEvaluator _evaluator = null!;
    private SessionGridPolicyEvaluator _gridEvaluator = null!;
    private AuthorizationPolicy _policy = null!;
    private System.Security.Claims.ClaimsPrincipal _user = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddAuthentication(SessionGridAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, StubAuthenticationHandler>(SessionGridAuthenticationDefaults.AuthenticationScheme, null);
        services.AddAuthorization(Policies.Add);
        _services = services.BuildServiceProvider();
        _authorization = _services.GetRequiredService<IAuthorizationService>();
        _evaluator = ActivatorUtilities.CreateInstance<PolicyEvaluator>(_services);
        _gridEvaluator = ActivatorUtilities.CreateInstance<SessionGridPolicyEvaluator>(_services);
        _policy = await _services.GetRequiredService<IAuthorizationPolicyProvider>().GetDefaultPolicyAsync();
        using var scope = _services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        _user = (await context.AuthenticateAsync(SessionGridAuthenticationDefaults.AuthenticationScheme)).Principal!;
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public async Task<bool> PolicyAuthorize() => (await _authorization.AuthorizeAsync(_user, null, _policy)).Succeeded;

    [Benchmark]
    public Task<bool> AuthenticateAndAuthorize() => RunAsync(_evaluator);

    [Benchmark]
    public Task<bool> AuthenticateAndAuthorizeGridEvaluator() => RunAsync(_gridEvaluator);

    private async Task<bool> RunAsync(IPolicyEvaluator evaluator)
    {
        await using var scope = _services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var authenticated = await evaluator.AuthenticateAsync(_policy, context);
        var authorized = await evaluator.AuthorizeAsync(_policy, authenticated, context, resource: null);
        return authorized.Succeeded;
    }
}
