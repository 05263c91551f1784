using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Npgsql;

// Reference point: server-side sessions in the application's database. The bearer value is an opaque session id,
// looked up by primary key in PostgreSQL on every request (Npgsql, pooled connections); signing out is a DELETE. The
// configuration key "Postgres" is the Npgsql connection string.
var builder = WebApplication.CreateBuilder(args);
var database = NpgsqlDataSource.Create(builder.Configuration["Postgres"] ?? "Host=127.0.0.1;Username=postgres");
await using (var create = database.CreateCommand(
    "CREATE TABLE IF NOT EXISTS sessions (id text PRIMARY KEY, user_id text NOT NULL, username text NOT NULL, expires_at timestamptz NOT NULL)"))
{
    await create.ExecuteNonQueryAsync();
}

builder.Services.AddSingleton(database);
builder.Services.AddAuthentication(PostgresSessionHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, PostgresSessionHandler>(PostgresSessionHandler.SchemeName, configureOptions: null);
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/healthz", () => TypedResults.Ok());

app.MapPost("/login", async (LoginRequest request, NpgsqlDataSource sessions) =>
{
    var userId = "u-" + request.Username;
    var sessionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    await using var insert = sessions.CreateCommand(
        "INSERT INTO sessions (id, user_id, username, expires_at) VALUES ($1, $2, $3, now() + interval '12 hours')");
    insert.Parameters.Add(new() { Value = sessionId });
    insert.Parameters.Add(new() { Value = userId });
    insert.Parameters.Add(new() { Value = request.Username });
    await insert.ExecuteNonQueryAsync();
    return TypedResults.Ok(new LoginResponse(userId, sessionId));
});

app.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new Me(
    user.FindFirstValue(ClaimTypes.NameIdentifier)!,
    user.Identity!.Name!,
    user.FindFirstValue("sid")!,
    "postgres"))).RequireAuthorization();

app.MapPost("/logout", async (ClaimsPrincipal user, NpgsqlDataSource sessions) =>
{
    await using var delete = sessions.CreateCommand("DELETE FROM sessions WHERE id = $1");
    delete.Parameters.Add(new() { Value = user.FindFirstValue("sid")! });
    await delete.ExecuteNonQueryAsync();
    return TypedResults.NoContent();
}).RequireAuthorization();

await app.RunAsync();

/// <summary>Authenticates <c>Authorization: Bearer &lt;session id&gt;</c> with one primary-key SELECT.</summary>
internal sealed class PostgresSessionHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    NpgsqlDataSource sessions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PostgresSession";

    private const string Prefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        var sessionId = header[Prefix.Length..];
        await using var select = sessions.CreateCommand("SELECT user_id, username FROM sessions WHERE id = $1 AND expires_at > now()");
        select.Parameters.Add(new() { Value = sessionId });
        await using var row = await select.ExecuteReaderAsync(Context.RequestAborted);
        if (!await row.ReadAsync(Context.RequestAborted))
        {
            return AuthenticateResult.Fail("Unknown session.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, row.GetString(0)),
                new Claim(ClaimTypes.Name, row.GetString(1)),
                new Claim("sid", sessionId),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

internal sealed record LoginRequest(string Username);

internal sealed record LoginResponse(string UserId, string SessionId);

internal sealed record Me(string UserId, string Username, string SessionId, string Credential);
