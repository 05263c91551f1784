using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Grid;

namespace Sessions.Web.Federation.SharedSignals;

/// <summary>
/// Finds the grid user a security event names (RFC 9493; SSF 1.0 §3.2): <c>opaque</c> is a grid user id, <c>iss_sub</c>
/// an external identity linked to a grid user, <c>complex</c> a <c>user</c> part (either of those) with, optionally, a
/// <c>session</c> part that is a grid session id (<c>opaque</c>). Anything else names nobody here: there are no email
/// addresses or phone numbers in the grid to match.
/// </summary>
internal static class SecurityEventSubjects
{
    /// <summary>The target, or null when the subject names no user of this grid.</summary>
    public static async Task<SecurityEventTarget?> ResolveAsync(SubjectIdentifier subject, IGrainFactory grains, UserGrains users)
    {
        if (subject is ComplexSubjectIdentifier complex)
        {
            var session = complex.Session switch
            {
                null => null,
                OpaqueSubjectIdentifier { Id: var id } when GridIds.TryParse(id, out _) => id,
                _ => string.Empty,
            };
            return session == string.Empty || complex.User is null || await UserOfAsync(complex.User, grains, users) is not { } owner
                ? null
                : new SecurityEventTarget(owner, session);
        }

        return await UserOfAsync(subject, grains, users) is { } user ? new SecurityEventTarget(user, null) : null;
    }

    private static async Task<Guid?> UserOfAsync(SubjectIdentifier subject, IGrainFactory grains, UserGrains users)
    {
        var userId = subject switch
        {
            OpaqueSubjectIdentifier opaque => opaque.Id,
            IssuerSubjectIdentifier identity => await grains
                .GetGrain<IExternalIdentityGrain>(ExternalIdentities.GrainKey(new ExternalIdentity(identity.Issuer, identity.Subject)))
                .GetUserIdAsync(),
            _ => null,
        };
        return GridIds.TryParse(userId, out var id) && await users.Get(id).GetAccountAsync() is not null ? id : null;
    }
}
