namespace Cchc.Runtime;

/// <summary>
/// Names a grain class's type (the first part of its <see cref="GrainId"/> and of its storage id). Without it
/// the name is the class name, less a "Grain" suffix, in lower case: CommuneGrain is "commune".
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
