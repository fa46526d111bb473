using System.Reflection;

namespace Cchc.Runtime.Hosting;

/// <summary>A registered grain class: its type name (first part of its GrainId) and how to create it.</summary>
internal sealed class GrainTypeInfo(Type grainClass, Func<IGrainContext, Grain> factory)
{
    public Type GrainClass { get; } = grainClass;

    public string Name { get; } = NameOf(grainClass);

    public Func<IGrainContext, Grain> Factory { get; } = factory;

    // CommuneGrain -> "commune", as Orleans names grain types; [GrainType("...")] overrides.
    private static string NameOf(Type grainClass)
    {
        if (grainClass.GetCustomAttribute<GrainTypeAttribute>() is { } attribute)
        {
            if (string.IsNullOrWhiteSpace(attribute.Name))
            {
                throw new ArgumentException($"[GrainType] on {grainClass.Name} has an empty name.");
            }

            return attribute.Name;
        }

        var name = grainClass.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

#pragma warning disable CA1308 // Grain type names are lower case ASCII identifiers, as in Orleans.
        return name.ToLowerInvariant();
#pragma warning restore CA1308
    }
}
