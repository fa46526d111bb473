namespace Cchc.Storage.Tests.OrleansAdoNet;

public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);

    /// <summary>How many times the reminder reached this activation.</summary>
    Task<int> TicksAsync();

    Task StopAsync();
}
