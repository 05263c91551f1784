using Sessions.Grains.Abstractions.Users;

namespace Sessions.Web.Federation.GlobalRevocation;

/// <summary>Who asks for a global token revocation, once authenticated: a configured provider (by its bearer
/// assertion) or an operator (by its key).</summary>
/// <param name="Actor">Whom the user grain acts for and audits: <see cref="Actor.Provider"/> or <see cref="Actor.Operator"/>.</param>
/// <param name="Assertion">The provider's assertion, whose <c>jti</c> is spent once the request is answered; null for an operator.</param>
public sealed record RevocationCaller(Actor Actor, RevocationAssertion? Assertion)
{
    /// <summary>The issuer whose subjects the caller may name; null for an operator, who may name anyone.</summary>
    public string? OwnIssuer => Assertion?.Issuer;
}
