namespace Cchc.Runtime.Tests.Grains;

public sealed class TickerGrain(GrainProbe probe) : Grain, ITickerGrain
{
    private readonly List<string> _log = [];
    private IGrainTimer? _timer;
    private int _ticks;
    private int _inFlight;
    private int _maxConcurrency;

    public Task StartTimerAsync(TimeSpan dueTime, TimeSpan period, bool failFirstTick)
    {
        _timer = RegisterGrainTimer(async _ =>
        {
            Enter();
            _ticks++;
            _log.Add($"tick {_ticks}");
            await Task.Yield();
            _inFlight--;
            if (failFirstTick && _ticks == 1)
            {
                throw new InvalidOperationException("first tick fails");
            }
        }, dueTime, period);
        return Task.CompletedTask;
    }

    public Task StopTimerAsync()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task BlockAsync()
    {
        Enter();
        _log.Add("call start");
        probe.Entered.TrySetResult();
        await probe.Gate.Task;
        _log.Add("call end");
        _inFlight--;
    }

    public Task<IReadOnlyList<string>> GetLogAsync() => Task.FromResult<IReadOnlyList<string>>([.. _log]);

    public Task<int> GetMaxConcurrencyAsync() => Task.FromResult(_maxConcurrency);

    private void Enter()
    {
        _inFlight++;
        _maxConcurrency = Math.Max(_maxConcurrency, _inFlight);
    }
}
