namespace Cchc.Runtime.Tests.Grains;

/// <summary>Declares its persistent states wrongly: twice, or after it was created, as the test asks.</summary>
public sealed class LateStateGrain(IGrainContext context) : Grain, ILateStateGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        context.GetPersistentState<CounterState>("late");
        return Task.CompletedTask;
    }

    public Task TouchAsync() => Task.CompletedTask;

    public static LateStateGrain Create(IGrainContext context, bool declareTwice)
    {
        if (declareTwice)
        {
            context.GetPersistentState<CounterState>("same");
            context.GetPersistentState<CounterState>("same");
        }

        return new LateStateGrain(context);
    }
}
