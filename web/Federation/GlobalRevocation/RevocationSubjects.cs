using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Federation.SharedSignals;
using Sessions.Web.Grid;

namespace Sessions.Web.Federation.GlobalRevocation;

/// <summary>
/// Finds the user a global token revocation names, and whether the caller may name them: <c>iss_sub</c> is an external
/// identity linked to a grid user (a provider may name only identities at its own issuer), <c>opaque</c> is a grid
/// user id (a provider may name only users linked to it; an operator anyone). Any other format is not supported here.
/// </summary>
internal static class RevocationSubjects
{
    /// <summary>The user's id, or the refusal.</summary>
    public static async Task<(Guid UserId, RevocationRefusal? Refusal)> ResolveAsync(
        SubjectIdentifier subject, RevocationCaller caller, IGrainFactory grains, UserGrains users) => subject switch
        {
            IssuerSubjectIdentifier identity => await ResolveIdentityAsync(identity, caller, grains, users),
            OpaqueSubjectIdentifier opaque => await ResolveUserAsync(opaque.Id, caller, users),
            _ => (Guid.Empty, RevocationRefusal.UnsupportedFormat),
        };

    private static async Task<(Guid, RevocationRefusal?)> ResolveIdentityAsync(
        IssuerSubjectIdentifier identity, RevocationCaller caller, IGrainFactory grains, UserGrains users)
    {
        if (caller.OwnIssuer is { } own && !string.Equals(identity.Issuer, own, StringComparison.Ordinal))
        {
            return (Guid.Empty, RevocationRefusal.NotOwned);
        }

        var key = ExternalIdentities.GrainKey(new ExternalIdentity(identity.Issuer, identity.Subject));
        var userId = await grains.GetGrain<IExternalIdentityGrain>(key).GetUserIdAsync();
        return GridIds.TryParse(userId, out var id) && await users.Get(id).GetAccountAsync() is not null
            ? (id, null)
            : (Guid.Empty, RevocationRefusal.UnknownSubject);
    }

    private static async Task<(Guid, RevocationRefusal?)> ResolveUserAsync(string userId, RevocationCaller caller, UserGrains users)
    {
        if (!GridIds.TryParse(userId, out var id) || await users.Get(id).GetAccountAsync() is not { } account)
        {
            return (Guid.Empty, RevocationRefusal.UnknownSubject);
        }

        var linked = caller.OwnIssuer is not { } own
            || (account.Identities ?? []).Any(identity => string.Equals(identity.Issuer, own, StringComparison.Ordinal));
        return linked ? (id, null) : (Guid.Empty, RevocationRefusal.NotOwned);
    }
}
