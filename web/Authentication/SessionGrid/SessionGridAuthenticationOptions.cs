using Microsoft.AspNetCore.Authentication;

namespace Sessions.Web.Authentication.SessionGrid;

/// <summary>Options of the session grid scheme. It has no knobs on purpose: every request asks the grain (no
/// result caching, so the revocation window is zero), and what a credential may be is fixed by the token format.</summary>
public sealed class SessionGridAuthenticationOptions : AuthenticationSchemeOptions;
