namespace Sessions.Web.Federation.GlobalRevocation;

/// <summary>Why a global token revocation of an authenticated caller revokes nothing (the draft's §3.2 answers).</summary>
internal enum RevocationRefusal
{
    /// <summary>422: a subject identifier format the grid does not resolve (<c>email</c>, <c>phone_number</c>, …).</summary>
    UnsupportedFormat = 1,

    /// <summary>404: no grid user is this subject.</summary>
    UnknownSubject,

    /// <summary>403: a provider named a subject that is not its own (another issuer's identity, or a user not linked to it).</summary>
    NotOwned,
}
