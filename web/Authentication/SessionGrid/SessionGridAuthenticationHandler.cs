using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Grid;
using Sessions.Web.Http;

namespace Sessions.Web.Authentication.SessionGrid;

/// <summary>
/// Authenticates a request with exactly one grain call: read the one presented credential (cookie or bearer),
/// reject anything ambiguous, malformed or forged before touching a grain (the token's MAC is checked here;
/// docs/invariants.md, invariant 6), then ask the user's grain, which judges it in memory. Nothing is cached between
/// requests. When the grid cannot decide, the failure carries a <see cref="GridUnavailableException"/>: the
/// challenge answers 503, never 401.
/// </summary>
internal sealed class SessionGridAuthenticationHandler(
    IOptionsMonitor<SessionGridAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenCodec codec,
    UserGrains users,
    GrainReadRetry reads,
    AuthenticationMetrics metrics)
    : AuthenticationHandler<SessionGridAuthenticationOptions>(options, logger, encoder)
{
    private static readonly AuthenticateResult Malformed = AuthenticateResult.Fail("The credential is malformed.");
    private static readonly AuthenticateResult Denied = AuthenticateResult.Fail("The credential is not valid.");
    private static readonly AuthenticateResult Undecided = AuthenticateResult.Fail(new GridUnavailableException());

    /// <summary>The scheme has no events; the base class would allocate an empty events object (and its task) for every
    /// request that is authenticated.</summary>
    private static readonly Task<object> NoEvents = Task.FromResult(new object());

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

        var verdict = await ValidateAsync(fields.UserId, token);
        metrics.Validated(verdict.Outcome);
        return verdict.Outcome switch
        {
            ValidationOutcome.Valid => AuthenticateResult.Success(Ticket(verdict)),
            ValidationOutcome.Unavailable => Undecided,
            _ => Denied,
        };
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var outcome = await HandleAuthenticateOnceSafeAsync();
        if (outcome.Failure is GridUnavailableException)
        {
            await Problems.WriteUnavailableAsync(Context);
            return;
        }

        Response.Headers.WWWAuthenticate = outcome.None ? "Bearer" : "Bearer error=\"invalid_token\"";
        await Problems.WriteUnauthorizedAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Problems.WriteForbiddenAsync(Context);

    protected override Task<object> CreateEventsAsync() => NoEvents;

    private static bool Acceptable(TokenKind kind, bool fromCookie) =>
        fromCookie ? kind == TokenKind.BrowserSession : kind is TokenKind.AccessToken or TokenKind.ApiToken;

    /// <summary>The grain's verdict; a grain that cannot be reached (no silo, a timeout) is "could not decide".</summary>
    private async Task<ValidationResult> ValidateAsync(Guid userId, string token)
    {
        try
        {
            return await reads.ValidateAsync(users.Get(userId), token, Context.RequestAborted);
        }
        catch (Exception exception) when (!Context.RequestAborted.IsCancellationRequested)
        {
            Logger.GridCouldNotValidate(exception.GetType().Name);
            return ValidationResult.Unavailable;
        }
    }

    private AuthenticationTicket Ticket(ValidationResult verdict)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(SessionGridClaims.UserId, verdict.UserId!),
                new Claim(SessionGridClaims.SessionId, verdict.SessionId!),
                new Claim(SessionGridClaims.Username, verdict.Username ?? string.Empty),
                new Claim(SessionGridClaims.Credential, CredentialNames.Of(verdict.Kind)),
                new Claim(SessionGridClaims.Scope, ApiTokenScopeNames.Format(verdict.Scopes)),
            ],
            Scheme.Name,
            SessionGridClaims.Username,
            roleType: null);
        return new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name);
    }
}
