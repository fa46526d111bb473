using System.Collections.Frozen;
using System.Reflection;

namespace Cchc.Runtime.Hosting;

/// <summary>A registered grain interface: the grain class behind it and an invoker per method.</summary>
internal sealed class GrainInterfaceInfo
{
    private readonly FrozenDictionary<MethodInfo, GrainMethodInvoker> _methods;

    public GrainInterfaceInfo(Type interfaceType, GrainTypeInfo grainType)
    {
        if (!interfaceType.IsInterface)
        {
            throw new ArgumentException($"{interfaceType.Name} is not an interface; grains are called through interfaces.");
        }

        InterfaceType = interfaceType;
        GrainType = grainType;
        _methods = new[] { interfaceType }.Concat(interfaceType.GetInterfaces())
            .SelectMany(type => type.GetMethods())
            .ToFrozenDictionary(method => method, method => GrainMethodInvoker.Create(interfaceType, method));
    }

    public Type InterfaceType { get; }

    public GrainTypeInfo GrainType { get; }

    public GrainMethodInvoker GetInvoker(MethodInfo method) =>
        _methods.TryGetValue(method, out var invoker)
            ? invoker
            : throw new InvalidOperationException($"{method.Name} is not a method of grain interface {InterfaceType.Name}.");
}
