namespace Cchc.Runtime.Tests.Grains;

public interface ISequenceGrain : IGrainWithStringKey
{
    /// <summary>Records <paramref name="number"/> in arrival order, yielding mid-call to invite overlap.</summary>
    Task RecordAsync(int number);

    [OneWay]
    Task NotifyAsync(int number);

    [OneWay]
    Task NotifyFailingAsync(string message);

    /// <summary>Signals <see cref="GrainProbe.Entered"/>, then waits for <see cref="GrainProbe.Gate"/>.</summary>
    Task BlockAsync();

    Task<IReadOnlyList<int>> GetOrderAsync();

    Task<int> GetMaxConcurrencyAsync();
}
