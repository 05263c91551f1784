using Microsoft.Extensions.Options;
using Sessions.Grains.Abstractions.Tokens;

namespace Sessions.Web.Hosting;

/// <summary>A front end of a separate cluster must be given the cluster's grid keys; it never invents one.</summary>
internal sealed class GridKeyOptionsValidator : IValidateOptions<GridKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, GridKeyOptions options) =>
        options.TryCreateRing(out _, out var error) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error);
}
