using System.Security.Claims;
using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Authentication.SessionGrid;

namespace Sessions.Web.Grid;

/// <summary>
/// The one way web code reaches a user's grains; endpoints take it as a parameter. References are built without
/// Orleans' generic <c>GetGrain&lt;T&gt;(string)</c>, which re-resolves the interface and grain type by reflection and
/// string formatting on every call — measurable on a path that runs once per request. Each grain type is resolved
/// once; a reference is then a grain id and a cached proxy.
/// </summary>
public sealed class UserGrains(IGrainFactory grains)
{
    // Resolved on first use, not at start: a client learns the grain types only once it reaches a silo, and a failed
    // attempt (no silo yet) must not be remembered.
    private readonly Lazy<(GrainType Type, GrainInterfaceType Interface)> _user = new(
        () => Resolve(() => grains.GetGrain<IUserGrain>(GridIds.Format(Guid.Empty))), LazyThreadSafetyMode.PublicationOnly);

    private readonly Lazy<(GrainType Type, GrainInterfaceType Interface)> _username = new(
        () => Resolve(() => grains.GetGrain<IUsernameGrain>("-")), LazyThreadSafetyMode.PublicationOnly);

    /// <summary>The grain of the user with this id.</summary>
    /// <exception cref="GridUnavailableException">No silo has been reached yet.</exception>
    public IUserGrain Get(Guid userId)
    {
        var key = new byte[32];
        userId.TryFormat(key, out _, "N");
        var (type, @interface) = _user.Value;
        return (IUserGrain)grains.GetGrain(GrainId.Create(type, new IdSpan(key)), @interface);
    }

    /// <summary>The grain of the caller the session grid scheme authenticated.</summary>
    /// <exception cref="GridUnavailableException">No silo has been reached yet.</exception>
    public IUserGrain Get(ClaimsPrincipal caller) => Get(SessionGridClaims.UserGuidOf(caller));

    /// <summary>The grain of a (normalised) username: registration and sign-in.</summary>
    /// <exception cref="GridUnavailableException">No silo has been reached yet.</exception>
    public IUsernameGrain ByName(string username)
    {
        var (type, @interface) = _username.Value;
        return (IUsernameGrain)grains.GetGrain(GrainId.Create(type, username), @interface);
    }

    /// <summary>A client that has not reached any silo yet knows no grain types, and Orleans says so with an
    /// <see cref="ArgumentException"/> from its type resolution: for us that means "the grid cannot answer".</summary>
    private static (GrainType, GrainInterfaceType) Resolve(Func<IAddressable> probe)
    {
        try
        {
            var reference = (GrainReference)probe();
            return (reference.GrainId.Type, reference.InterfaceType);
        }
        catch (ArgumentException exception)
        {
            throw new GridUnavailableException("The grain types are not known yet: no silo has been reached.", exception);
        }
    }
}
