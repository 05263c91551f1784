namespace Sessions.Grains.Abstractions.Users;

/// <summary>What a client tells us when it signs in; recorded on the session so the user can recognise it.</summary>
/// <param name="Kind"><see cref="CredentialKind.Browser"/> or <see cref="CredentialKind.App"/>.</param>
/// <param name="Device">A name the client chose for itself, if any.</param>
/// <param name="IpAddress">The client address as the front end saw it.</param>
/// <param name="UserAgent">The client's User-Agent header.</param>
[GenerateSerializer, Immutable, Alias("sg.SignInRequest")]
public sealed record SignInRequest(
    [property: Id(0)] CredentialKind Kind,
    [property: Id(1)] string? Device,
    [property: Id(2)] string? IpAddress,
    [property: Id(3)] string? UserAgent);
