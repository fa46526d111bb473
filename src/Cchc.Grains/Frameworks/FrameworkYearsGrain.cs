namespace Cchc.Grains.Frameworks;

/// <summary>
/// Holds a province's framework years. Bounded: a year lies between 2000 and 2200 (<see cref="Core.Period"/>), so
/// the list never exceeds 201 entries; a year outside that range is refused.
/// </summary>
public sealed class FrameworkYearsGrain(
    [PersistentState("framework-years", CchcStorage.GrainStorageName)] IPersistentState<FrameworkYearsGrain.YearsState> state)
    : Grain, IFrameworkYearsGrain
{
    public async Task AddAsync(int year, CancellationToken cancellationToken = default)
    {
        if (year is < 2000 or > 2200)
        {
            throw RequestRejectedException.Invalid($"The year {year} is out of range; a framework's year lies between 2000 and 2200.");
        }

        var position = state.State.Years.BinarySearch(year);
        if (position >= 0)
        {
            return;
        }

        List<int> next = [.. state.State.Years];
        next.Insert(~position, year);
        await GrainStateWrites.WriteAsync(state, new YearsState { Years = next }, $"the framework years of province {this.GetPrimaryKeyString()}");
    }

    public Task<IReadOnlyList<int>> GetYearsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<int>>([.. state.State.Years]);

    /// <summary>The years, ascending.</summary>
    [GenerateSerializer, Alias("cchc.FrameworkYearsGrain.YearsState")]
    public sealed class YearsState
    {
        [Id(0)]
        public List<int> Years { get; set; } = [];
    }
}
