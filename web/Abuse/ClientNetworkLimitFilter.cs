using Sessions.Grains.Abstractions.Abuse;
using Sessions.Web.Http;

namespace Sessions.Web.Abuse;

/// <summary>
/// The per-address limit in front of an endpoint that costs a password hash: every attempt is counted before the
/// handler runs, whatever it then answers (a registration's 201, 409 or 400 alike, so taken usernames are revealed no
/// faster than the limit). A refused attempt is held by the <see cref="RejectionTarpit"/>, then answered 429 with
/// Retry-After; it changes nothing and reaches no account.
/// </summary>
internal sealed class ClientNetworkLimitFilter(ClientAttempt attempt) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limits = http.RequestServices.GetRequiredService<ClientNetworkLimits>();
        var verdict = await limits.AttemptAsync(http.Connection.RemoteIpAddress, attempt);
        if (verdict.Allowed)
        {
            return await next(context);
        }

        await http.RequestServices.GetRequiredService<RejectionTarpit>().HoldAsync(http.RequestAborted);
        return Problems.TooManyFromNetwork(http, attempt == ClientAttempt.SignIn ? "sign-in attempts" : "registrations", verdict.RetryAfter);
    }
}
