using Microsoft.Extensions.Options;

namespace Sessions.Web.Authentication.OperatorKeys;

/// <summary>Refuses to start with an operator key too short to guard every account, naming the key.</summary>
internal sealed class OperatorKeyAuthenticationOptionsValidator : IValidateOptions<OperatorKeyAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, OperatorKeyAuthenticationOptions options)
    {
        var errors = options.Keys
            .Where(key => key.Value is not { Length: >= OperatorKeyAuthenticationOptions.MinimumKeyLength })
            .Select(key => $"{OperatorKeyAuthenticationOptions.Section}:Keys:{key.Key} is shorter than {OperatorKeyAuthenticationOptions.MinimumKeyLength} characters.")
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
