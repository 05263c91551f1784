using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

// Baseline (c): server-side sessions the usual way. The bearer value is an opaque session id, looked up in Redis on
// every request (one GET through StackExchange.Redis); signing out is a DEL. The configuration key "Redis" is the
// StackExchange.Redis connection string.
var builder = WebApplication.CreateBuilder(args);
var redis = await ConnectionMultiplexer.ConnectAsync(builder.Configuration["Redis"] ?? "127.0.0.1:6379");
builder.Services.AddSingleton(redis.GetDatabase());
builder.Services.AddAuthentication(RedisSessionHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, RedisSessionHandler>(RedisSessionHandler.SchemeName, configureOptions: null);
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/healthz", () => TypedResults.Ok());

app.MapPost("/login", async (LoginRequest request, IDatabase sessions) =>
{
    var userId = "u-" + request.Username;
    var sessionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    var session = JsonSerializer.SerializeToUtf8Bytes(new Session(userId, request.Username));
    await sessions.StringSetAsync(RedisSessionHandler.Key(sessionId), session, TimeSpan.FromHours(12));
    return TypedResults.Ok(new LoginResponse(userId, sessionId));
});

app.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new Me(
    user.FindFirstValue(ClaimTypes.NameIdentifier)!,
    user.Identity!.Name!,
    user.FindFirstValue("sid")!,
    "redis"))).RequireAuthorization();

app.MapPost("/logout", async (ClaimsPrincipal user, IDatabase sessions) =>
{
    await sessions.KeyDeleteAsync(RedisSessionHandler.Key(user.FindFirstValue("sid")!));
    return TypedResults.NoContent();
}).RequireAuthorization();

await app.RunAsync();

/// <summary>Authenticates <c>Authorization: Bearer &lt;session id&gt;</c> with one Redis GET.</summary>
internal sealed class RedisSessionHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDatabase sessions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "RedisSession";

    private const string Prefix = "Bearer ";

    public static RedisKey Key(string sessionId) => "session:" + sessionId;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        var sessionId = header[Prefix.Length..];
        var stored = await sessions.StringGetAsync(Key(sessionId));
        if (stored.IsNull)
        {
            return AuthenticateResult.Fail("Unknown session.");
        }

        var session = JsonSerializer.Deserialize<Session>((byte[])stored!)!;
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, session.UserId),
                new Claim(ClaimTypes.Name, session.Username),
                new Claim("sid", sessionId),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

internal sealed record Session(string UserId, string Username);

internal sealed record LoginRequest(string Username);

internal sealed record LoginResponse(string UserId, string SessionId);

internal sealed record Me(string UserId, string Username, string SessionId, string Credential);
