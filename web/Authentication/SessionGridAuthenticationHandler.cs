using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Hosting;
using Sessions.Web.Http;

namespace Sessions.Web.Authentication;

/// <summary>
/// Authenticates a request with exactly one grain call: read the one presented credential (cookie or bearer),
/// reject anything ambiguous, malformed or forged before touching a grain (the token's MAC is checked here), then
/// ask the user's grain, which judges it in memory. Nothing is cached between requests.
/// </summary>
internal sealed partial class SessionGridAuthenticationHandler(
    IOptionsMonitor<SessionGridAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenCodec codec,
    UserGrains users,
    AuthenticationMetrics metrics)
    : AuthenticationHandler<SessionGridAuthenticationOptions>(options, logger, encoder)
{
    private static readonly AuthenticateResult Malformed = AuthenticateResult.Fail("The credential is malformed.");
    private static readonly AuthenticateResult Denied = AuthenticateResult.Fail("The credential is not valid.");
    private static readonly AuthenticateResult Unavailable = AuthenticateResult.Fail("The session store is unavailable.");

    /// <summary>Whether a failed result means "the grid could not decide" (answer 503) rather than "denied" (401).</summary>
    public static bool IsUnavailable(AuthenticateResult result) => ReferenceEquals(result, Unavailable);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!PresentedCredential.TryRead(Request, out var token, out var fromCookie))
        {
            metrics.Rejected();
            return Malformed;
        }

        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!codec.TryRead(token, out var fields) || !Acceptable(fields.Kind, fromCookie))
        {
            metrics.Rejected();
            return Malformed;
        }

        ValidationResult verdict;
        try
        {
            verdict = await users.Get(fields.UserId).ValidateAsync(token);
        }
        catch (Exception exception) when (!Context.RequestAborted.IsCancellationRequested)
        {
            Log.ValidationFailed(Logger, exception.GetType().Name);
            verdict = ValidationResult.Unavailable;
        }

        metrics.Validated(verdict.Outcome);
        return verdict.Outcome switch
        {
            ValidationOutcome.Valid => AuthenticateResult.Success(Ticket(verdict)),
            ValidationOutcome.Unavailable => Unavailable,
            _ => Denied,
        };
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var outcome = await HandleAuthenticateOnceSafeAsync();
        if (IsUnavailable(outcome))
        {
            await Problems.WriteUnavailableAsync(Context);
            return;
        }

        Response.Headers.WWWAuthenticate = outcome.None ? "Bearer" : "Bearer error=\"invalid_token\"";
        await Problems.WriteUnauthorizedAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Problems.WriteForbiddenAsync(Context);

    private static bool Acceptable(TokenKind kind, bool fromCookie) =>
        fromCookie ? kind == TokenKind.BrowserSession : kind is TokenKind.AccessToken or TokenKind.ApiToken;

    private AuthenticationTicket Ticket(ValidationResult verdict)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(SessionGridClaims.UserId, verdict.UserId!),
                new Claim(SessionGridClaims.SessionId, verdict.SessionId!),
                new Claim(SessionGridClaims.Username, verdict.Username ?? string.Empty),
                new Claim(SessionGridClaims.Credential, CredentialNames.Of(verdict.Kind)),
            ],
            Scheme.Name,
            SessionGridClaims.Username,
            roleType: null);
        return new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name);
    }

    private static partial class Log
    {
        [LoggerMessage(3001, LogLevel.Warning, "Validation could not reach the user grain ({ExceptionType}); failing closed with 503")]
        public static partial void ValidationFailed(ILogger logger, string exceptionType);
    }
}
