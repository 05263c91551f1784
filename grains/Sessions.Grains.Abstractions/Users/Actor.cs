namespace Sessions.Grains.Abstractions.Users;

/// <summary>
/// Who is asking, for the grain calls that read or change the user's sessions and API tokens: the grain re-checks
/// it on every such call and denies anything it cannot vouch for (docs/threat-model.md, B25). A
/// <see cref="ActorKind.Credential"/> must be a live session of this user, or a live API token of this user holding
/// the scope the call needs; an <see cref="ActorKind.Operator"/> is allowed, and what it changes is audited under
/// its name in the same write. The front end names the actor after authenticating it (trust boundary 3 in
/// docs/threat-model.md): the grain checks what the actor may do, not that the caller holds its secret.
/// </summary>
/// <param name="Kind">What kind of actor.</param>
/// <param name="Id">Who, in the kind's terms: the credential's id (32 hex digits) or the operator key's name.</param>
[GenerateSerializer, Immutable, Alias("sg.Actor")]
public sealed record Actor(
    [property: Id(0)] ActorKind Kind,
    [property: Id(1)] string Id)
{
    /// <summary>The calling session or API token.</summary>
    public static Actor Credential(string credentialId) => new(ActorKind.Credential, credentialId);

    /// <summary>An operator, by its key's name.</summary>
    public static Actor Operator(string keyName) => new(ActorKind.Operator, keyName);

    /// <summary>An OpenID Connect provider, by its configured name.</summary>
    public static Actor Provider(string providerName) => new(ActorKind.Provider, providerName);

    /// <summary>A Shared Signals transmitter, by its configured name.</summary>
    public static Actor Transmitter(string transmitterName) => new(ActorKind.Transmitter, transmitterName);

    /// <summary>How the audit trail names this actor, e.g. <c>operator 'oncall'</c>.</summary>
    public string Describe() => Kind switch
    {
        ActorKind.Operator => $"operator '{Id}'",
        ActorKind.Credential => $"credential {Id}",
        ActorKind.Provider => $"identity provider '{Id}'",
        ActorKind.Transmitter => $"signal transmitter '{Id}'",
        _ => $"unknown actor {Id}",
    };
}
