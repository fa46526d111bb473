namespace Cchc.Runtime;

/// <summary>
/// Marks a grain interface method as one-way, as Orleans' [OneWay] does: the call is queued in the target's
/// mailbox in order and the caller's task completes at once, without waiting for its turn. A failure is logged
/// and counted (cchc.grain.failures, kind=oneway), never returned. The method must return Task or ValueTask.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OneWayAttribute : Attribute;
