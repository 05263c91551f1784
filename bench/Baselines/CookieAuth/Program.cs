using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

// Baseline (b): ASP.NET Core cookie authentication as most apps ship it. The cookie is the session: a data-protected
// ticket that is decrypted and checked on every request, with no server-side lookup. That is why it is cheap, and why
// signing out only clears this browser's cookie: every copy of it elsewhere keeps working until it expires.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDataProtection() // the run's own key directory, not the user's home
    .PersistKeysToFileSystem(new DirectoryInfo(builder.Configuration["KeysDirectory"] ?? "keys"));
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options => options.Events.OnRedirectToLogin = context =>
    {
        // An API answers 401; the default 302 to a login page would count as a success in wrk.
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    });
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/healthz", () => TypedResults.Ok());

app.MapPost("/login", async (LoginRequest request, HttpContext context) =>
{
    var sessionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "u-" + request.Username),
            new Claim(ClaimTypes.Name, request.Username),
            new Claim("sid", sessionId),
        ],
        CookieAuthenticationDefaults.AuthenticationScheme);
    await context.SignInAsync(new ClaimsPrincipal(identity));
    return TypedResults.Ok(new LoginResponse("u-" + request.Username, sessionId));
});

app.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new Me(
    user.FindFirstValue(ClaimTypes.NameIdentifier)!,
    user.Identity!.Name!,
    user.FindFirstValue("sid")!,
    "cookie"))).RequireAuthorization();

app.MapPost("/logout", async (HttpContext context) =>
{
    await context.SignOutAsync();
    return TypedResults.NoContent();
});

await app.RunAsync();

internal sealed record LoginRequest(string Username);

internal sealed record LoginResponse(string UserId, string SessionId);

internal sealed record Me(string UserId, string Username, string SessionId, string Credential);
