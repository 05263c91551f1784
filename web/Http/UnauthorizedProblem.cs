namespace Sessions.Web.Http;

/// <summary>The one 401 problem, as an endpoint result (for credentials presented in a body, like refresh tokens).</summary>
public sealed class UnauthorizedProblem : IResult, IStatusCodeHttpResult
{
    public static readonly UnauthorizedProblem Instance = new();

    private UnauthorizedProblem()
    {
    }

    public int? StatusCode => StatusCodes.Status401Unauthorized;

    public Task ExecuteAsync(HttpContext httpContext) => Problems.WriteUnauthorizedAsync(httpContext);
}
