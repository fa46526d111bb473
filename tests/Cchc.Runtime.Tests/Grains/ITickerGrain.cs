namespace Cchc.Runtime.Tests.Grains;

public interface ITickerGrain : IGrainWithStringKey
{
    Task StartTimerAsync(TimeSpan dueTime, TimeSpan period, bool failFirstTick);

    Task StopTimerAsync();

    /// <summary>Logs its start, signals <see cref="GrainProbe.Entered"/>, waits for <see cref="GrainProbe.Gate"/>, logs its end.</summary>
    Task BlockAsync();

    Task<IReadOnlyList<string>> GetLogAsync();

    Task<int> GetMaxConcurrencyAsync();
}
