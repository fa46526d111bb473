using Orleans.Runtime;

namespace Cchc.Storage.Tests.OrleansAdoNet;

/// <summary>Registers one durable reminder and counts its ticks.</summary>
[GrainType(TypeName)]
public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public const string TypeName = "cchc-test-reminder";
    public const string ReminderName = "nhắc-việc";

    private int _ticks;

    public async Task StartAsync(TimeSpan period) =>
        await this.RegisterOrUpdateReminder(ReminderName, period, period);

    public Task<int> TicksAsync() => Task.FromResult(_ticks);

    public async Task StopAsync()
    {
        var reminder = await this.GetReminder(ReminderName)
            ?? throw new InvalidOperationException($"Reminder {ReminderName} is not registered.");
        await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _ticks++;
        return Task.CompletedTask;
    }
}
