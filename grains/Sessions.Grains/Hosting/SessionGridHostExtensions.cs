using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sessions.Grains.Hosting;

/// <summary>Runs a grid host so that a failed start is one clear log line and a non-zero exit code.</summary>
public static partial class SessionGridHostExtensions
{
    /// <summary>
    /// Starts <paramref name="host"/> and runs it until it is asked to stop. When it cannot start (a wrong setting, an
    /// unreachable database, a port in use) logs one line saying why and returns 1 instead of throwing a stack trace
    /// at the operator.
    /// </summary>
    /// <returns>The process exit code: 0 after a normal shutdown, 1 when the host could not start.</returns>
    public static async Task<int> RunSessionGridAsync(this IHost host)
    {
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionGridHostExtensions).FullName!);
        try
        {
            await host.StartAsync();
        }
        catch (Exception exception)
        {
            // An operator-facing reason is the whole story; anything else also needs its stack trace.
            var reason = Reason(exception);
            LogCannotStart(logger, IsExplained(exception) ? null : exception, reason);

            // Disposing flushes the console logger, so the line above is written before the process exits.
            await DisposeAsync(host);
            return 1;
        }

        await host.WaitForShutdownAsync();
        await DisposeAsync(host);
        return 0;
    }

    /// <summary>The most useful one-line reason: ours or the options validator's if present, else the root cause.</summary>
    internal static string Reason(Exception exception) =>
        (Explanation(exception) ?? exception.GetBaseException()).Message.ReplaceLineEndings(" ").Trim();

    private static bool IsExplained(Exception exception) => Explanation(exception) is not null;

    private static Exception? Explanation(Exception exception) =>
        Flatten(exception).FirstOrDefault(e => e is SessionGridStartupException or OptionsValidationException);

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        yield return exception;
        IEnumerable<Exception> inner = exception is AggregateException aggregate
            ? aggregate.InnerExceptions
            : exception.InnerException is { } cause ? [cause] : [];
        foreach (var child in inner.SelectMany(Flatten))
        {
            yield return child;
        }
    }

    private static async ValueTask DisposeAsync(IHost host)
    {
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }

    [LoggerMessage(2010, LogLevel.Critical, "The silo cannot start: {Reason}")]
    private static partial void LogCannotStart(ILogger logger, Exception? exception, string reason);
}
