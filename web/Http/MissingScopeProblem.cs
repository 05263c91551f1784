using Sessions.Grains.Abstractions.Users;

namespace Sessions.Web.Http;

/// <summary>The 403 of a credential without the scope an endpoint needs, as an endpoint result: what an endpoint
/// answers when the user grain denies its caller (<see cref="Problems.WriteMissingScopeAsync"/>; the authorization
/// policy answers the same before any grain is asked). Endpoints declare it with <c>ProducesMissingScope</c>.</summary>
public sealed class MissingScopeProblem : IResult, IStatusCodeHttpResult
{
    /// <summary>The caller may not manage the user's sessions.</summary>
    public static readonly MissingScopeProblem Sessions = new(ApiTokenScopes.Sessions);

    private readonly ApiTokenScopes _scope;

    private MissingScopeProblem(ApiTokenScopes scope) => _scope = scope;

    public int? StatusCode => StatusCodes.Status403Forbidden;

    public Task ExecuteAsync(HttpContext httpContext) => Problems.WriteMissingScopeAsync(httpContext, _scope);
}
