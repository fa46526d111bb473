using Cchc.Core.Frameworks;
using Cchc.Runtime;

namespace Cchc.Grains.Frameworks;

/// <summary>A province's framework for one year. Key: "province/year", e.g. "30/2022".</summary>
public interface IFrameworkGrain : IGrainWithStringKey
{
    /// <summary>Validates and stores a framework; refused once a period it serves has been published.</summary>
    /// <exception cref="FrameworkValidationException">Every problem of the definition.</exception>
    Task<Framework> PutAsync(FrameworkDefinition definition);

    /// <summary>The stored framework (validated, indexed), or null.</summary>
    Task<Framework?> GetAsync();
}
