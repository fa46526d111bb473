using System.Reflection;

namespace Cchc.Runtime.Hosting;

/// <summary>A grain method returning Task or ValueTask, possibly [OneWay].</summary>
internal sealed class VoidMethodInvoker(MethodInfo method, bool returnsValueTask, bool isOneWay,
    Func<object, object?[], Task> call) : GrainMethodInvoker(method, returnsValueTask)
{
    public Func<object, object?[], Task> Call { get; } = call;

    public override object Invoke(GrainReference reference, object?[] args)
    {
        var task = isOneWay ? SendOneWay(reference, args) : CallAsync(reference, args);
        return ReturnsValueTask ? new ValueTask(task) : task;
    }

    private Task SendOneWay(GrainReference reference, object?[] args)
    {
        var error = reference.Runtime.CheckOneWay(reference.GrainId, Name);
        if (error is not null)
        {
            return Task.FromException(error);
        }

        reference.Runtime.Submit(reference.GrainId, reference.GrainType,
            new OneWayTurn(Name, grain => Call(grain, args)));
        return Task.CompletedTask;
    }

    private Task CallAsync(GrainReference reference, object?[] args)
    {
        var runtime = reference.Runtime;
        var caller = CallChainEntry.Current;
        var error = runtime.CheckCall(reference.GrainId, caller, Name);
        if (error is not null)
        {
            return Task.FromException(error);
        }

        var turn = new VoidCallTurn(this, args, caller, runtime.CallTimestamp());
        runtime.Submit(reference.GrainId, reference.GrainType, turn);
        return runtime.WithResponseTimeout(turn.Task, reference.GrainId, Name);
    }
}
