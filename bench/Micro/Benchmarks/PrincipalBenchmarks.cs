using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Sessions.Web.Authentication;
using Sessions.Web.Authentication.SessionGrid;

namespace Sessions.Bench.Micro.Benchmarks;

/// <summary>What the grid's authentication handler builds from a valid verdict: four claims, the identity (name
/// claim type set, no role type), the principal and the ticket — the same constructors with the web's public claim
/// names and scheme name.</summary>
[MemoryDiagnoser]
public class PrincipalBenchmarks
{
    private readonly string _userId = Guid.NewGuid().ToString("N");
    private readonly string _sessionId = Guid.NewGuid().ToString("N");

    [Benchmark]
    public AuthenticationTicket Ticket()
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(SessionGridClaims.UserId, _userId),
                new Claim(SessionGridClaims.SessionId, _sessionId),
                new Claim(SessionGridClaims.Username, "micro-user"),
                new Claim(SessionGridClaims.Credential, CredentialNames.App),
            ],
            SessionGridAuthenticationDefaults.AuthenticationScheme,
            SessionGridClaims.Username,
            roleType: null);
        return new AuthenticationTicket(new ClaimsPrincipal(identity), SessionGridAuthenticationDefaults.AuthenticationScheme);
    }
}
