namespace Cchc.Runtime.Hosting;

/// <summary>
/// A grain timer on the runtime's TimeProvider. The clock only queues a <see cref="TimerTurn"/>; the callback
/// runs as a turn of the activation. The timer is re-armed after each tick, so ticks never overlap.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    // Cancelled, never disposed: a tick may still read its token, and a plain CTS holds nothing to release.
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private TimeSpan _period;
    private long _generation;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        _timer = activation.TimeProvider.CreateTimerWithoutContext(static state => ((GrainTimer)state!).OnDue(), this);
        Change(dueTime, period);
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, nameof(dueTime));
        Validate(period, nameof(period));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            _period = period;
            _generation++;
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
            _timer.Dispose();
        }

        _activation.RemoveTimer(this);
    }

    public async Task TickAsync()
    {
        long generation;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            generation = _generation;
        }

        try
        {
            await _callback(_disposed.Token);
        }
        catch (Exception ex) when (!_disposed.IsCancellationRequested)
        {
            _activation.TimerFailed(ex);
        }
        catch (OperationCanceledException)
        {
            // The timer was disposed during its tick.
        }

        lock (_gate)
        {
            // A Change() made during the tick wins over the period.
            if (!_disposed.IsCancellationRequested && generation == _generation &&
                _period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
            {
                _timer.Change(_period, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnDue()
    {
        if (!_disposed.IsCancellationRequested)
        {
            // False when the activation is closing: its timers die with it.
            _activation.TryEnqueue(new TimerTurn(this));
        }
    }

    private static void Validate(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, "A timer time is zero or more, or Timeout.InfiniteTimeSpan.");
        }
    }
}
