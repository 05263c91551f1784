using System.Diagnostics.CodeAnalysis;

namespace Sessions.Web.Federation.Tokens;

/// <summary>What a federation token validator found: the facts of a valid token, or why it was refused.</summary>
/// <typeparam name="T">The facts a valid token carries (<c>LogoutToken</c>, <c>SecurityEvent</c>, <c>RevocationAssertion</c>).</typeparam>
public sealed class FederationTokenResult<T> where T : class
{
    /// <summary>A valid token's facts.</summary>
    public FederationTokenResult(T token) => Token = token;

    /// <summary>A refusal.</summary>
    public FederationTokenResult(TokenFailure failure) => Failure = failure;

    /// <summary>The facts, when valid.</summary>
    public T? Token { get; }

    /// <summary>Why it was refused, when not.</summary>
    public TokenFailure? Failure { get; }

    /// <summary>Whether the token passed every check (its <c>jti</c> still has to be checked against the replay record).</summary>
    [MemberNotNullWhen(true, nameof(Token))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsValid => Token is not null;
}
