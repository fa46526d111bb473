using Cchc.Api.V1;

namespace Cchc.Cluster.Tests;

/// <summary>A real province from the national unit list, as imported, with its communes' codes.</summary>
internal sealed record SeasonProvince(string Code, string Name, ImportUnitsRequest Units, IReadOnlyList<string> Communes);
