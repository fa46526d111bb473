namespace Cchc.LoadGen.Capacity;

/// <summary>
/// What one activation of a kind costs, from the step that activated it: the step's managed-heap growth divided by
/// its activations of the kind. <see cref="AlsoActivated"/> names what else the step activated (as counted by
/// Orleans): its cost is inside this figure.
/// </summary>
internal sealed record KindCost(string Step, string Kind, long Count, long StepBytes, long BytesPerActivation,
    long WorkingSetBytesPerActivation, IReadOnlyList<string> AlsoActivated);
