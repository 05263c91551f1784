using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>A grid with an operator key named <c>oncall</c>, for the account lifecycle endpoints.</summary>
public sealed class LifecycleFixture() : WebGridFixture(new WebGrid(new Dictionary<string, string?> { ["Sessions:Admin:Keys:oncall"] = OperatorKey }))
{
    public const string OperatorKey = "lifecycle-operator-key-0123456789";
}
