using System.Linq.Expressions;
using System.Reflection;

namespace Cchc.Runtime.Hosting;

/// <summary>
/// Calls one grain interface method: the reference side (queue a turn, hand back the caller's task) and the
/// grain side (a compiled delegate, no reflection per call). Built once per method when a grain is registered.
/// </summary>
internal abstract class GrainMethodInvoker
{
    protected GrainMethodInvoker(MethodInfo method, bool returnsValueTask)
    {
        Method = method;
        Name = $"{method.DeclaringType!.Name}.{method.Name}";
        ReturnsValueTask = returnsValueTask;
    }

    public MethodInfo Method { get; }

    /// <summary>"ICommuneGrain.ScoreAsync": for errors, logs and the grain.method tag.</summary>
    public string Name { get; }

    protected bool ReturnsValueTask { get; }

    /// <summary>Called by the proxy: returns the Task/ValueTask the interface method declares.</summary>
    public abstract object Invoke(GrainReference reference, object?[] args);

    public static GrainMethodInvoker Create(Type grainInterface, MethodInfo method)
    {
        var where = $"{grainInterface.Name}.{method.Name}";
        if (method.IsGenericMethodDefinition)
        {
            throw new ArgumentException($"Grain method {where} is generic; grain methods cannot be generic.");
        }

        if (method.GetParameters().Any(p => p.ParameterType.IsByRef))
        {
            throw new ArgumentException($"Grain method {where} has a ref, out or in parameter; pass values only.");
        }

        var returnType = method.ReturnType;
        var isOneWay = method.IsDefined(typeof(OneWayAttribute), inherit: false);
        if (returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            var call = Compile<Func<object, object?[], Task>>(method, returnType == typeof(ValueTask));
            return new VoidMethodInvoker(method, returnType == typeof(ValueTask), isOneWay, call);
        }

        if (isOneWay)
        {
            throw new ArgumentException(
                $"Grain method {where} is [OneWay] but returns {returnType.Name}; a one-way method returns Task or " +
                "ValueTask, since nobody waits for a result.");
        }

        if (returnType.IsGenericType &&
            (returnType.GetGenericTypeDefinition() == typeof(Task<>) ||
             returnType.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            var resultType = returnType.GetGenericArguments()[0];
            var factory = typeof(GrainMethodInvoker).GetMethod(nameof(CreateValueInvoker),
                BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(resultType);
            return (GrainMethodInvoker)factory.Invoke(null, [method])!;
        }

        throw new ArgumentException(
            $"Grain method {where} returns {returnType.Name}; grain methods return Task, Task<T>, ValueTask or " +
            "ValueTask<T> (a grain interface has methods only, no properties).");
    }

    private static ValueMethodInvoker<TResult> CreateValueInvoker<TResult>(MethodInfo method)
    {
        var returnsValueTask = method.ReturnType == typeof(ValueTask<TResult>);
        var call = Compile<Func<object, object?[], Task<TResult>>>(method, returnsValueTask);
        return new ValueMethodInvoker<TResult>(method, returnsValueTask, call);
    }

    // (grain, args) => ((IFoo)grain).Method((T1)args[0], ...), with a ValueTask turned into a Task.
    private static TDelegate Compile<TDelegate>(MethodInfo method, bool returnsValueTask)
        where TDelegate : Delegate
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters()
            .Select((p, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        Expression body = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
        if (returnsValueTask)
        {
            body = Expression.Call(body, body.Type.GetMethod(nameof(ValueTask.AsTask))!);
        }

        return Expression.Lambda<TDelegate>(body, grain, args).Compile();
    }
}
