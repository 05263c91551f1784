using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Sessions.Tests.Infrastructure;

/// <summary>
/// A tiny app to put behind a reverse proxy: on a loopback port of its own, it answers every request with the
/// identity headers it received (every value of each, so a smuggled second value would show) and counts requests.
/// </summary>
public sealed class EchoApp : IAsyncDisposable
{
    public const string UserIdHeader = "X-Auth-User-Id";
    public const string UsernameHeader = "X-Auth-Username";
    public const string SessionIdHeader = "X-Auth-Session-Id";
    public const string CredentialHeader = "X-Auth-Credential";
    public const string ScopeHeader = "X-Auth-Scope";

    private readonly WebApplication _app;
    private long _requests;

    private EchoApp(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary>How many requests reached the app.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public static async Task<EchoApp> StartAsync()
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var echo = new EchoApp(app, port);
        app.Run(echo.AnswerAsync);
        await app.StartAsync();
        return echo;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var headers = context.Request.Headers;
        return context.Response.WriteAsJsonAsync(new EchoBody(
            [.. headers[UserIdHeader].Select(v => v ?? string.Empty)],
            [.. headers[UsernameHeader].Select(v => v ?? string.Empty)],
            [.. headers[SessionIdHeader].Select(v => v ?? string.Empty)],
            [.. headers[CredentialHeader].Select(v => v ?? string.Empty)],
            [.. headers[ScopeHeader].Select(v => v ?? string.Empty)],
            context.Request.Path.Value ?? string.Empty));
    }
}

/// <summary>What <see cref="EchoApp"/> received.</summary>
public sealed record EchoBody(string[] GridIds, string[] Usernames, string[] SessionIds, string[] Credentials, string[] Scopes, string Path);
