using System.Reflection;

namespace Cchc.Runtime.Hosting;

/// <summary>A grain method returning Task&lt;TResult&gt; or ValueTask&lt;TResult&gt;.</summary>
internal sealed class ValueMethodInvoker<TResult>(MethodInfo method, bool returnsValueTask,
    Func<object, object?[], Task<TResult>> call) : GrainMethodInvoker(method, returnsValueTask)
{
    public Func<object, object?[], Task<TResult>> Call { get; } = call;

    public override object Invoke(GrainReference reference, object?[] args)
    {
        var task = CallAsync(reference, args);
        return ReturnsValueTask ? new ValueTask<TResult>(task) : task;
    }

    private Task<TResult> CallAsync(GrainReference reference, object?[] args)
    {
        var runtime = reference.Runtime;
        var caller = CallChainEntry.Current;
        var error = runtime.CheckCall(reference.GrainId, caller, Name);
        if (error is not null)
        {
            return Task.FromException<TResult>(error);
        }

        var turn = new CallTurn<TResult>(this, args, caller, runtime.CallTimestamp());
        runtime.Submit(reference.GrainId, reference.GrainType, turn);
        return runtime.WithResponseTimeout(turn.Task, reference.GrainId, Name);
    }
}
