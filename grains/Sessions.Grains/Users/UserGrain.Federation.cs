using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Grains.Users;

// PLACEHOLDER on the h-fedgrains base branch only: the grains engineer implements these; never merged as is.
internal sealed partial class UserGrain
{
    public Task<RegistrationResult> InitializeFederatedAsync(string username, ExternalIdentity identity, string providerName) =>
        throw new NotImplementedException();

    public Task<SignInResult> SignInFederatedAsync(FederatedSignIn request) => throw new NotImplementedException();

    public Task<int?> EndProviderSessionsAsync(Actor actor, string providerName, string? providerSessionId) =>
        throw new NotImplementedException();

    public Task<LifecycleResult> DisableAsync(Actor actor) => throw new NotImplementedException();

    public Task<LifecycleResult> EnableAsync(Actor actor) => throw new NotImplementedException();

    public Task<LifecycleResult> DeleteAsync(Actor actor) => throw new NotImplementedException();
}
