using Sessions.Grains.Abstractions.Users;

namespace Sessions.Grains.Abstractions.Federation;

/// <summary>
/// A sign-in the front end has verified with an OpenID Connect provider (authorization code flow with PKCE, state
/// and nonce; the ID token's signature, issuer, audience and nonce checked by ASP.NET's handler). None of the
/// provider's tokens is passed on or kept: only who the person is and the provider session it came from.
/// </summary>
/// <param name="ProviderName">The provider's configured name (<c>Sessions:Federation:Providers:&lt;name&gt;</c>).</param>
/// <param name="Identity">The provider's issuer and the person's subject.</param>
/// <param name="PreferredUsername">The ID token's <c>preferred_username</c>, if any: the first sign-in derives the
/// grid username from it (normalised, made unique).</param>
/// <param name="ProviderSessionId">The ID token's <c>sid</c>, if any: the provider session a back-channel logout names.</param>
/// <param name="AuthenticatedAt">The ID token's <c>auth_time</c>, if any.</param>
/// <param name="Client">The client, as for a password sign-in: <see cref="CredentialKind.Browser"/> (the
/// <c>__Host-sid</c> cookie), or <see cref="CredentialKind.App"/> for an app that signs its user in through the provider
/// (an access and refresh token pair).</param>
[GenerateSerializer, Immutable, Alias("sg.FederatedSignIn")]
public sealed record FederatedSignIn(
    [property: Id(0)] string ProviderName,
    [property: Id(1)] ExternalIdentity Identity,
    [property: Id(2)] string? PreferredUsername,
    [property: Id(3)] string? ProviderSessionId,
    [property: Id(4)] DateTimeOffset? AuthenticatedAt,
    [property: Id(5)] SignInRequest Client);
