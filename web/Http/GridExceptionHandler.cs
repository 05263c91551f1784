using Microsoft.AspNetCore.Diagnostics;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Grid;

namespace Sessions.Web.Http;

/// <summary>
/// Turns failures into problems that say what to do: a request the server could not read is a 400 naming the
/// problem; a grid that could not decide or could not make a change durable is a 503 with Retry-After (fail
/// closed: nothing was allowed, nothing may be shown as done). Exception messages never reach the client.
/// </summary>
internal sealed partial class GridExceptionHandler(ILogger<GridExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            var problem = Results.Problem(
                BadRequestDetail(bad), statusCode: bad.StatusCode, title: bad.StatusCode == 400 ? "Invalid request" : "Request not accepted");
            await problem.ExecuteAsync(context);
            return true;
        }

        if (IsGridUnavailable(exception))
        {
            Log.GridUnavailable(logger, exception.GetType().Name);
            await Problems.WriteUnavailableAsync(context);
            return true;
        }

        return false;
    }

    /// <summary>The grid could not answer: no silo reached yet (<see cref="GridUnavailableException"/>, raised where
    /// grain references are made), a grain that could not make a change durable, a call that timed out or was
    /// refused by Orleans.</summary>
    private static bool IsGridUnavailable(Exception exception) => exception
        is GridUnavailableException
        or SessionStoreUnavailableException
        or TimeoutException
        or OrleansException
        or OperationCanceledException;

    private static string BadRequestDetail(BadHttpRequestException exception) => exception.InnerException switch
    {
        System.Text.Json.JsonException json when json.Path is { } path =>
            $"The JSON body is not valid for this endpoint (at {path}); unknown fields are refused.",
        System.Text.Json.JsonException => "The JSON body is not valid for this endpoint; unknown fields are refused.",
        _ when exception.StatusCode == StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        _ => "The request could not be read. Send a JSON body as documented.",
    };

    private static partial class Log
    {
        [LoggerMessage(3101, LogLevel.Warning, "The grid could not serve the request ({ExceptionType}); answered 503")]
        public static partial void GridUnavailable(ILogger logger, string exceptionType);
    }
}
