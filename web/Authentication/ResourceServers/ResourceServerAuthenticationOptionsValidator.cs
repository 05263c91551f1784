using Microsoft.Extensions.Options;

namespace Sessions.Web.Authentication.ResourceServers;

/// <summary>Refuses to start with a resource server that has no secret, naming the client.</summary>
internal sealed class ResourceServerAuthenticationOptionsValidator : IValidateOptions<ResourceServerAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, ResourceServerAuthenticationOptions options)
    {
        var errors = options.Clients
            .Where(client => string.IsNullOrEmpty(client.Value))
            .Select(client => $"{ResourceServerAuthenticationOptions.Section}:Clients:{client.Key} has an empty secret.")
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
