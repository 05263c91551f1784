namespace Sessions.Web.Http;

/// <summary>The busy answer as an endpoint result: 503 with Retry-After and one fixed problem body
/// (<see cref="Problems.WriteBusyAsync"/>). Endpoints that return it declare their 503 themselves.</summary>
public sealed class BusyProblem(TimeSpan retryAfter) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status503ServiceUnavailable;

    public Task ExecuteAsync(HttpContext httpContext) => Problems.WriteBusyAsync(httpContext, retryAfter);
}
