using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Sessions.Web.Authentication;

/// <summary>The principal of a caller known only by a name — an operator key's, a resource server's client id.</summary>
internal static class NamedPrincipal
{
    /// <summary>A successful result whose principal carries <paramref name="name"/> as its one claim and its name.</summary>
    public static AuthenticateResult Authenticated(string scheme, string claimType, string name)
    {
        var identity = new ClaimsIdentity([new Claim(claimType, name)], scheme, claimType, roleType: null);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), scheme));
    }
}
