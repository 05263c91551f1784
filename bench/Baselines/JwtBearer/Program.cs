using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

// Baseline: ASP.NET Core JwtBearer, the design most APIs use instead of asking anyone per request. Access tokens are
// RS256 JWTs shaped as an identity provider issues them (RFC 9068: typ at+jwt, iss, aud, sub, exp, iat, nbf, jti,
// scope, client_id, a kid in the header). Validation is stateless: signature, issuer, audience, lifetime and type
// against a configured public key, no metadata fetch and no lookup. That is why it is cheap-ish, and why a revoked
// user's token keeps working until it expires.
//
// POST /login plays the identity provider so bench/Seeder can mint tokens through HTTP like every other design: the
// signing key pair is generated when the process starts (a new one per run); the API side validates with a key built
// from the public half only, as an API configured with its provider's published key would.
const string Issuer = "https://idp.bench.invalid/";
const string Audience = "session-grid-bench-api";

var builder = WebApplication.CreateBuilder(args);

using var signingRsa = RSA.Create(2048);
var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
var signing = new SigningCredentials(new RsaSecurityKey(signingRsa) { KeyId = keyId }, SecurityAlgorithms.RsaSha256);
var publicKey = new RsaSecurityKey(signingRsa.ExportParameters(includePrivateParameters: false)) { KeyId = keyId };

builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        // No Authority and no MetadataAddress: nothing is fetched, the key is configured (as with a pinned JWKS).
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = publicKey,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidTypes = ["at+jwt"],
        };
    });
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/healthz", () => TypedResults.Ok());

var tokens = new JsonWebTokenHandler();
app.MapPost("/login", (LoginRequest request) =>
{
    var now = DateTime.UtcNow;
    var sessionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    var token = tokens.CreateToken(new SecurityTokenDescriptor
    {
        TokenType = "at+jwt",
        Issuer = Issuer,
        Audience = Audience,
        IssuedAt = now,
        NotBefore = now,
        Expires = now.AddHours(2), // outlives the run, as the grid's access tokens do in bench/run
        SigningCredentials = signing,
        Claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = "u-" + request.Username,
            [JwtRegisteredClaimNames.Jti] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["sid"] = sessionId,
            ["preferred_username"] = request.Username,
            ["client_id"] = "bench-app",
            ["scope"] = "openid profile api",
        },
    });
    return TypedResults.Ok(new LoginResponse("u-" + request.Username, sessionId, token));
});

// JwtBearer maps inbound claim names by default (sub becomes ClaimTypes.NameIdentifier, sid ClaimTypes.Sid): left on,
// as most APIs ship it.
app.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new Me(
    user.FindFirstValue(ClaimTypes.NameIdentifier)!,
    user.FindFirstValue("preferred_username")!,
    user.FindFirstValue(ClaimTypes.Sid) ?? user.FindFirstValue("sid")!,
    "jwt"))).RequireAuthorization();

await app.RunAsync();

internal sealed record LoginRequest(string Username);

internal sealed record LoginResponse(string UserId, string SessionId, string AccessToken);

internal sealed record Me(string UserId, string Username, string SessionId, string Credential);
