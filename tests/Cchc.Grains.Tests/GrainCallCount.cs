namespace Cchc.Grains.Tests;

/// <summary>
/// Counts the grain calls arriving at a test cluster's silos that <paramref name="counts"/> picks, through an incoming
/// call filter (<see cref="AddTo"/>): how a test shows that a call is made, or no longer made.
/// </summary>
internal sealed class GrainCallCount(Func<IIncomingGrainCallContext, bool> counts)
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Calls to any method of <typeparamref name="TGrain"/>.</summary>
    public static GrainCallCount To<TGrain>() => new(context => context.InterfaceMethod?.DeclaringType == typeof(TGrain));

    /// <summary>Calls to a grain method of this name, on any interface.</summary>
    public static GrainCallCount ToMethod(string name) => new(context => context.InterfaceMethod?.Name == name);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public void AddTo(ISiloBuilder silo) => silo.AddIncomingGrainCallFilter(context =>
    {
        if (counts(context))
        {
            Interlocked.Increment(ref _count);
        }

        return context.Invoke();
    });
}
