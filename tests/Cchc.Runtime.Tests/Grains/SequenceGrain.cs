namespace Cchc.Runtime.Tests.Grains;

[GrainType("seq")]
public sealed class SequenceGrain(GrainProbe probe) : Grain, ISequenceGrain
{
    private readonly List<int> _order = [];
    private int _inFlight;
    private int _maxConcurrency;

    public async Task RecordAsync(int number)
    {
        // Plain fields on purpose: the runtime promises one turn at a time, so no locks are needed.
        Enter();
        _order.Add(number);
        await Task.Yield();
        _inFlight--;
    }

    public Task NotifyAsync(int number) => RecordAsync(number);

    public Task NotifyFailingAsync(string message) => throw new InvalidOperationException(message);

    public async Task BlockAsync()
    {
        Enter();
        probe.Entered.TrySetResult();
        await probe.Gate.Task;
        _inFlight--;
    }

    public Task<IReadOnlyList<int>> GetOrderAsync() => Task.FromResult<IReadOnlyList<int>>([.. _order]);

    public Task<int> GetMaxConcurrencyAsync() => Task.FromResult(_maxConcurrency);

    private void Enter()
    {
        _inFlight++;
        _maxConcurrency = Math.Max(_maxConcurrency, _inFlight);
    }
}
