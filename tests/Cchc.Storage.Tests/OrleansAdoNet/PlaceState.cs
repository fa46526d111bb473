using System.Collections.Immutable;

namespace Cchc.Storage.Tests.OrleansAdoNet;

/// <summary>A plain state record, the shape grains persist: text, a decimal score and a list.</summary>
[GenerateSerializer, Immutable]
public sealed record PlaceState(string Name, string Province, decimal Score, ImmutableArray<string> Evidence)
{
    // Orleans creates this when nothing is stored; System.Text.Json also builds the record through it.
    public PlaceState()
        : this("", "", 0m, [])
    {
    }
}
