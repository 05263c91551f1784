using Microsoft.AspNetCore.DataProtection;
using Sessions.Grains.Abstractions.Tokens;

namespace Sessions.Web.Federation.SignIn;

/// <summary>The <see cref="IDataProtectionProvider"/> of the federated sign-in schemes: <see cref="GridKeyDataProtector"/>s
/// keyed from the grid keys, shared by every front end.</summary>
internal sealed class GridKeyDataProtectionProvider(GridKeyRing ring) : IDataProtectionProvider
{
    public IDataProtector CreateProtector(string purpose) => new GridKeyDataProtector(ring, [purpose]);
}
