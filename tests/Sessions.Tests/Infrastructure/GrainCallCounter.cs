namespace Sessions.Tests.Infrastructure;

/// <summary>Counts every grain call a silo receives (to prove malformed input never reaches a grain).</summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private long _calls;

    public long Calls => Interlocked.Read(ref _calls);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.DeclaringType?.Namespace?.StartsWith("Sessions", StringComparison.Ordinal) == true)
        {
            Interlocked.Increment(ref _calls);
        }

        return context.Invoke();
    }
}
