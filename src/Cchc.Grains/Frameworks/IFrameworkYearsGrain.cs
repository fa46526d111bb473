namespace Cchc.Grains.Frameworks;

/// <summary>
/// The years for which a province has put a framework. Key: the province code, e.g. "45". Kept by
/// <see cref="IFrameworkGrain.PutAsync"/> so that a commune's history finds its years with one call per province
/// instead of asking a framework grain for every year a period may have (2000 to 2200). A leaf grain.
/// </summary>
public interface IFrameworkYearsGrain : IGrainWithStringKey
{
    /// <summary>Records a year (idempotent); stored before the framework itself, so a listed year may still lack one.</summary>
    Task AddAsync(int year, CancellationToken cancellationToken = default);

    /// <summary>The recorded years, oldest first. A reader checks each framework's version: a put that failed after listing it left none.</summary>
    [ResponseTimeout(GrainTimeouts.LeafRead)]
    Task<IReadOnlyList<int>> GetYearsAsync(CancellationToken cancellationToken = default);
}
