namespace Sessions.Grains.Abstractions.Abuse;

/// <summary>
/// One grain per client network (key: the network, <c>198.51.100.0/24</c>, <c>2001:db8:1:2::/64</c> or
/// <c>unknown</c>) that counts the sign-ins and registrations it sends. Being a grain, it is one limit for the whole
/// cluster, not one per front end: every front end asks the same activation (docs/threat-model.md, H6). Its counts
/// live in memory only.
/// </summary>
public interface IClientNetworkGrain : IGrainWithStringKey
{
    /// <summary>Counts one <paramref name="attempt"/> if the network's limit allows it now, else says when it will.</summary>
    Task<AttemptVerdict> AttemptAsync(ClientAttempt attempt);
}
