using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Options;
using Sessions.Grains.Abstractions.Abuse;
using Sessions.Grains.Abuse;
using Sessions.Web.Authentication;
using Sessions.Web.Grid;

namespace Sessions.Web.Abuse;

/// <summary>
/// Asks the client network's grain (<see cref="IClientNetworkGrain"/>) whether one more sign-in or registration may
/// go ahead — one grain call, before the username grain, so one limit for the whole cluster, not one per front end —
/// unless the address is in <see cref="AbuseOptions.ExemptNetworks"/>. The address is the connection's, after the
/// trusted-proxy rules (<c>Hosting/TrustedProxyExtensions</c>) have run.
/// </summary>
internal sealed class ClientNetworkLimits
{
    private readonly IGrainFactory _grains;
    private readonly System.Net.IPNetwork[] _exempt;
    private readonly Counter<long> _refused;

    public ClientNetworkLimits(IGrainFactory grains, IOptions<AbuseOptions> options, IMeterFactory meters)
    {
        _grains = grains;
        // Every entry parses: AbuseOptionsValidator refused the process otherwise.
        _exempt = [.. options.Value.ExemptNetworks.Select(entry => System.Net.IPNetwork.Parse(entry))];
        _refused = meters.Create(AuthenticationMetrics.MeterName).CreateCounter<long>(
            "sessions.refused_by_network_limit", unit: "{attempt}",
            description: "Sign-ins and registrations refused (429) by the per-address limit, by attempt.");
    }

    /// <summary>Counts one attempt from <paramref name="address"/>, or says how long its network must wait.</summary>
    /// <exception cref="GridUnavailableException">No silo has been reached yet.</exception>
    public async Task<AttemptVerdict> AttemptAsync(IPAddress? address, ClientAttempt attempt)
    {
        if (IsExempt(address))
        {
            return AttemptVerdict.Allow;
        }

        var verdict = await Grain(ClientNetwork.Of(address)).AttemptAsync(attempt);
        if (!verdict.Allowed)
        {
            _refused.Add(1, new KeyValuePair<string, object?>("attempt", attempt == ClientAttempt.SignIn ? "sign_in" : "registration"));
        }

        return verdict;
    }

    private bool IsExempt(IPAddress? address)
    {
        if (address is null || _exempt.Length == 0)
        {
            return false;
        }

        var normalized = ClientNetwork.Normalize(address);
        return _exempt.Any(network => network.Contains(normalized));
    }

    /// <summary>A client that has not reached a silo yet knows no grain types (Orleans says so with an
    /// <see cref="ArgumentException"/>): the grid cannot answer, so the request is a 503, never let through.</summary>
    private IClientNetworkGrain Grain(string network)
    {
        try
        {
            return _grains.GetGrain<IClientNetworkGrain>(network);
        }
        catch (ArgumentException exception)
        {
            throw new GridUnavailableException("The grain types are not known yet: no silo has been reached.", exception);
        }
    }
}
