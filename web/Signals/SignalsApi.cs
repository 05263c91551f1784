using Microsoft.AspNetCore.Http.HttpResults;
using Sessions.Grains.Abstractions.Signals;
using Sessions.Web.Apis;

namespace Sessions.Web.Signals;

/// <summary>
/// What the grid publishes as a Shared Signals transmitter — its metadata and its public signing keys, for anyone —
/// and each receiver's delivery state, for operators. Answered from the silos (<see cref="ISignalTransmitterGrain"/>):
/// a front end holds no signing key and needs no signals configuration.
/// </summary>
public static class SignalsApi
{
    /// <summary>RFC 8935: push delivery.</summary>
    public const string PushDelivery = "urn:ietf:rfc:8935";

    private const string JwkSetMediaType = "application/jwk-set+json";

    public static WebApplication MapSignalsApi(this WebApplication app)
    {
        var wellKnown = app.MapGroup("/.well-known").ProducesGridUnavailable();
        wellKnown.MapGet("/jwks.json", JwksAsync)
            .WithJsonResponse(StatusCodes.Status200OK, typeof(object), "The public keys that sign the grid's Security Event Tokens (RFC 7517), application/jwk-set+json.");
        wellKnown.MapGet("/ssf-configuration", ConfigurationAsync)
            .WithJsonResponse(StatusCodes.Status200OK, typeof(SsfConfigurationResponse), "The transmitter's metadata (Shared Signals Framework 1.0).")
            .WithProblemResponse(StatusCodes.Status404NotFound, "Sessions:Signals:Issuer is not configured: the grid transmits no signals.");
        return app;
    }

    public static RouteGroupBuilder MapAdminSignalsApi(this RouteGroupBuilder admin)
    {
        // The group is the operator group (MapAdminApi): operator key, its 401 and 503 declared there.
        admin.MapGet("/signals", StatusAsync)
            .WithJsonResponse(StatusCodes.Status200OK, typeof(AdminSignalsResponse), "Each receiver: queued, the oldest's age, delivered, failed, dropped, expired, the last error.");
        return admin;
    }

    public static async Task<IResult> JwksAsync(TransmitterMetadataCache metadata, HttpContext context)
    {
        var current = await metadata.GetAsync();
        context.Response.Headers.CacheControl = "public, max-age=60";
        return TypedResults.Text(current.Jwks, JwkSetMediaType);
    }

    public static async Task<Results<JsonHttpResult<SsfConfigurationResponse>, ProblemHttpResult>> ConfigurationAsync(TransmitterMetadataCache metadata)
    {
        if ((await metadata.GetAsync()).Issuer is not { } issuer)
        {
            return TypedResults.Problem("Sessions:Signals:Issuer is not configured: this grid transmits no signals.",
                statusCode: StatusCodes.Status404NotFound, title: "No transmitter");
        }

        var configuration = new SsfConfigurationResponse("1_0", issuer, $"{issuer.TrimEnd('/')}/.well-known/jwks.json", [PushDelivery]);
        return TypedResults.Json(configuration, SignalsJson.Default.SsfConfigurationResponse);
    }

    public static async Task<JsonHttpResult<AdminSignalsResponse>> StatusAsync(IGrainFactory grains, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var receivers = await grains.GetGrain<ISignalTransmitterGrain>(0).GetReceiversAsync();
        var body = new AdminSignalsResponse([.. receivers.Select(r => new AdminReceiverStatus(
            r.Receiver, r.Queued, r.OldestQueuedAt is { } oldest ? Math.Max((now - oldest).TotalSeconds, 0) : null,
            r.Delivered, r.Failed, r.Dropped, r.Expired, r.LastError, r.LastErrorAt, r.LastDeliveredAt))]);
        return TypedResults.Json(body, SignalsJson.Default.AdminSignalsResponse);
    }
}
