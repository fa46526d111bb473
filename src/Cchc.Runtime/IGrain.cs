namespace Cchc.Runtime;

/// <summary>Base of every grain interface. Its methods must return Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;.</summary>
#pragma warning disable CA1040 // A marker, as in Orleans.
public interface IGrain : IAddressable;
#pragma warning restore CA1040
