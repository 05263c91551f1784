using Sessions.Grains.Abstractions.Federation;

namespace Sessions.Grains.Users;

/// <summary>An external identity linked to the user. Ids are a storage contract: extend only, never renumber.</summary>
[GenerateSerializer, Alias("sg.LinkedIdentity")]
internal sealed class LinkedIdentity
{
    [Id(0)] public string Issuer { get; set; } = string.Empty;

    [Id(1)] public string Subject { get; set; } = string.Empty;

    /// <summary>The configured name of the provider it signs in through, as of the latest sign-in: the provider actor
    /// that may sign this user out everywhere.</summary>
    [Id(2)] public string ProviderName { get; set; } = string.Empty;

    [Id(3)] public DateTimeOffset LinkedAt { get; set; }

    /// <summary>Whether this is <paramref name="identity"/>.</summary>
    public bool Is(ExternalIdentity identity) =>
        string.Equals(Issuer, identity.Issuer, StringComparison.Ordinal) && string.Equals(Subject, identity.Subject, StringComparison.Ordinal);

    /// <summary>As the contract carries it.</summary>
    public ExternalIdentity ToIdentity() => new(Issuer, Subject);
}
