using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sessions.Grains.Abstractions.Abuse;
using Sessions.Grains.Hosting;

namespace Sessions.Grains.Abuse;

/// <summary>
/// Counts one client network's sign-ins and registrations in token buckets, on the grid clock. Every front end of the
/// cluster asks this one activation, so the limit is one limit for the whole cluster, not one per front end
/// (docs/threat-model.md, H6). The counts are deliberately not persisted: a write per attempt would put the database
/// on the path a flood takes, and losing them (a restart, a silo's death) only lets a flooder start again at the
/// limit, once. The activation stays while a bucket is refilling, so idle collection does not forget counts either.
/// </summary>
internal sealed class ClientNetworkGrain(
    [FromKeyedServices(SessionGrid.ClockKey)] TimeProvider time,
    IOptions<AbuseOptions> options) : Grain, IClientNetworkGrain
{
    private readonly TokenBucket _signIns = new(
        options.Value.SignInBurst, options.Value.SignInsPerMinutePerAddress, TimeSpan.FromMinutes(1));

    private readonly TokenBucket _registrations = new(
        options.Value.RegistrationBurst, options.Value.RegistrationsPerHourPerAddress, TimeSpan.FromHours(1));

    public Task<AttemptVerdict> AttemptAsync(ClientAttempt attempt)
    {
        var bucket = attempt == ClientAttempt.Registration ? _registrations : _signIns;
        var now = time.GetUtcNow();
        if (bucket.TryTake(now) is { } wait)
        {
            return Task.FromResult(AttemptVerdict.Refuse(wait));
        }

        var refilling = bucket.UntilFull(now);
        if (refilling > TimeSpan.Zero)
        {
            DelayDeactivation(refilling);
        }

        return Task.FromResult(AttemptVerdict.Allow);
    }
}
