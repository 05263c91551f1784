using Microsoft.AspNetCore.Http.HttpResults;
using Sessions.Grains.Abstractions.Abuse;
using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Abuse;
using Sessions.Web.Apis.Contracts;
using Sessions.Web.Authentication;
using Sessions.Web.Authentication.SessionGrid;
using Sessions.Web.Grid;
using Sessions.Web.Http;

namespace Sessions.Web.Apis;

/// <summary>Anonymous endpoints: register, sign in, refresh. Registration and sign-in are counted per client network
/// first (<see cref="AbuseLimitExtensions.LimitedPerClientNetwork"/>), and their password checks are bounded on the
/// silo (busy: 503 with Retry-After).</summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder auth)
    {
        auth.MapPost("/register", RegisterAsync)
            .LimitedPerClientNetwork(ClientAttempt.Registration)
            .ProducesBadRequest()
            .WithProblemResponse(StatusCodes.Status409Conflict, "The username is taken.")
            .ProducesTooManyFromNetwork("registrations")
            .ProducesGridUnavailableOrBusy();
        auth.MapPost("/login", SignInAsync)
            .LimitedPerClientNetwork(ClientAttempt.SignIn)
            .ProducesBadRequest()
            .WithProblemResponse(StatusCodes.Status401Unauthorized, "The username or password is incorrect (one body for both).")
            .ProducesTooManyAttemptsOrFromNetwork()
            .ProducesGridUnavailableOrBusy();
        auth.MapPost("/refresh", RefreshAsync)
            .ProducesBadRequest()
            .ProducesGridUnavailable();
        return auth;
    }

    public static async Task<Results<Created<RegisteredResponse>, ProblemHttpResult, BusyProblem>> RegisterAsync(
        RegisterRequest request, UserGrains users)
    {
        if (!AccountRules.TryNormalizeUsername(request.Username, out var username))
        {
            return Problems.BadRequest("Invalid username", AccountRules.UsernameRule);
        }

        if (!AccountRules.IsAcceptablePassword(request.Password))
        {
            return Problems.BadRequest("Invalid password", AccountRules.PasswordRule);
        }

        var result = await users.ByName(username).RegisterAsync(request.Password!);
        return result.Outcome switch
        {
            RegistrationOutcome.Registered => TypedResults.Created("/auth/me", new RegisteredResponse(result.UserId!)),
            RegistrationOutcome.UsernameTaken => Problems.Conflict("Username taken", "Choose another username."),
            RegistrationOutcome.Busy => new BusyProblem(result.RetryAfter ?? TimeSpan.FromSeconds(1)),
            _ => Problems.BadRequest("Invalid registration", $"{AccountRules.UsernameRule} {AccountRules.PasswordRule}"),
        };
    }

    public static async Task<Results<Ok<BrowserSignInResponse>, Ok<AppSignInResponse>, ProblemHttpResult, BusyProblem>> SignInAsync(
        LoginRequest request, HttpContext context, UserGrains users)
    {
        if (request.Username is null || request.Password is null)
        {
            return Problems.BadRequest("Missing credentials", "Both username and password are required.");
        }

        CredentialKind? kind = request.Client switch
        {
            null or CredentialNames.Browser => CredentialKind.Browser,
            CredentialNames.App => CredentialKind.App,
            _ => null,
        };
        if (kind is null)
        {
            return Problems.BadRequest("Invalid client", "client is \"browser\" (the default) or \"app\".");
        }

        if (!ClientDescription.IsAcceptableDevice(request.Device))
        {
            return Problems.BadRequest("Invalid device", $"device is at most {ClientDescription.MaxDevice} printable characters.");
        }

        // A name that breaks the rules cannot exist; answer as for any unknown user.
        if (!AccountRules.TryNormalizeUsername(request.Username, out var username) || request.Password.Length > AccountRules.MaxPasswordLength)
        {
            return Problems.InvalidCredentials();
        }

        var result = await users.ByName(username)
            .SignInAsync(request.Password, ClientDescription.For(context, kind.Value, request.Device));
        if (result is { Outcome: SignInOutcome.Throttled, RetryAfter: { } wait })
        {
            return Problems.TooManyAttempts(context, wait);
        }

        if (result is { Outcome: SignInOutcome.Busy, RetryAfter: { } busy })
        {
            return new BusyProblem(busy);
        }

        if (result is not { Outcome: SignInOutcome.SignedIn, Session: { } session })
        {
            return Problems.InvalidCredentials();
        }

        if (session.Kind == CredentialKind.Browser)
        {
            SessionCookie.Append(context.Response, session.SessionToken!);
            return TypedResults.Ok(new BrowserSignInResponse(session.UserId, session.SessionId, session.ExpiresAt));
        }

        return TypedResults.Ok(AppSession(session));
    }

    public static async Task<Results<Ok<AppSignInResponse>, ProblemHttpResult, UnauthorizedProblem>> RefreshAsync(
        RefreshRequest request, TokenCodec codec, UserGrains users)
    {
        if (request.RefreshToken is null)
        {
            return Problems.BadRequest("Missing refresh token", "refreshToken is required.");
        }

        if (!codec.TryRead(request.RefreshToken, TokenKind.RefreshToken, out var fields))
        {
            return UnauthorizedProblem.Instance;
        }

        var result = await users.Get(fields.UserId).RefreshAsync(request.RefreshToken);
        return result is { Outcome: RefreshOutcome.Refreshed, Session: { } session }
            ? TypedResults.Ok(AppSession(session))
            : UnauthorizedProblem.Instance;
    }

    private static AppSignInResponse AppSession(IssuedSession session) => new(
        session.UserId,
        session.SessionId,
        session.AccessToken!,
        session.AccessTokenExpiresAt!.Value,
        session.RefreshToken!,
        session.RefreshTokenExpiresAt!.Value);
}
