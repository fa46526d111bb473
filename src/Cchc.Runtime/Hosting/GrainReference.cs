using System.Reflection;

namespace Cchc.Runtime.Hosting;

/// <summary>
/// A typed grain reference: DispatchProxy implements the grain interface on a subclass of this, and every
/// interface call comes to <see cref="Invoke"/>, which queues it in the target activation's mailbox. Call sites
/// stay as in Orleans: <c>await factory.GetGrain&lt;IFooGrain&gt;("01").DoAsync(x)</c>.
/// </summary>
#pragma warning disable CA1852 // DispatchProxy derives the proxy type from this class at run time.
internal class GrainReference : DispatchProxy
#pragma warning restore CA1852
{
    private GrainInterfaceInfo _interface = null!;

    public GrainRuntime Runtime { get; private set; } = null!;

    public GrainId GrainId { get; private set; }

    public GrainTypeInfo GrainType => _interface.GrainType;

    public static object Create(GrainRuntime runtime, GrainInterfaceInfo grainInterface, GrainId grainId)
    {
        var reference = (GrainReference)Create(grainInterface.InterfaceType, typeof(GrainReference));
        reference.Runtime = runtime;
        reference._interface = grainInterface;
        reference.GrainId = grainId;
        return reference;
    }

    public override string ToString() => $"{_interface.InterfaceType.Name}({GrainId})";

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        _interface.GetInvoker(targetMethod!).Invoke(this, args ?? []);
}
