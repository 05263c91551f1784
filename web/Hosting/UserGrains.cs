using Sessions.Grains.Abstractions.Users;

namespace Sessions.Web.Hosting;

/// <summary>
/// References to user grains, built without Orleans' generic <c>GetGrain&lt;T&gt;(string)</c>, which re-resolves the
/// interface and grain type by reflection and string formatting on every call — measurable on a path that runs
/// once per request. The two types are resolved once; a reference is then a grain id and a cached proxy.
/// </summary>
public sealed class UserGrains(IGrainFactory grains)
{
    // Resolved on first use, not at start: a client learns the grain types only once it reaches a silo, and a failed
    // attempt (no silo yet) must not be remembered.
    private readonly Lazy<(GrainType Type, GrainInterfaceType Interface)> _types = new(
        () =>
        {
            var probe = (GrainReference)(object)grains.GetGrain<IUserGrain>(GridIds.Format(Guid.Empty));
            return (probe.GrainId.Type, probe.InterfaceType);
        },
        LazyThreadSafetyMode.PublicationOnly);

    /// <summary>The grain of the user with this id.</summary>
    public IUserGrain Get(Guid userId)
    {
        var key = new byte[32];
        userId.TryFormat(key, out _, "N");
        var (type, @interface) = _types.Value;
        return (IUserGrain)grains.GetGrain(GrainId.Create(type, new IdSpan(key)), @interface);
    }

    /// <summary>The grain of the user with this id (32 hex digits, as issued).</summary>
    public IUserGrain Get(string userId) => GridIds.TryParse(userId, out var id)
        ? Get(id)
        : throw new ArgumentException("Not a user id.", nameof(userId));
}
