using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Cchc.Runtime.Hosting;

/// <summary>
/// One activation of a grain (Orleans' ActivationData): the grain instance, its persistent states and timers,
/// and a mailbox drained by a single pump, so turns run one at a time in arrival order. The pump creates the
/// grain, runs turns, and on deactivation writes changed state before leaving the directory; turns that were
/// queued behind a deactivation are carried, in order, to the next activation.
/// </summary>
internal sealed class ActivationData : IGrainContext
{
    private const int Creating = 0;
    private const int Valid = 1;
    private const int Closed = 2;

    private readonly GrainRuntime _runtime;
    private readonly Channel<Turn> _mailbox = Channel.CreateUnbounded<Turn>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly List<IPersistentStateEntry> _states = [];
    private readonly List<GrainTimer> _timers = [];
    private readonly Lock _timersGate = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Grain? _grain;
    private bool _constructing;
    private bool _deactivateOnIdle;
    private int _status = Creating;
    private long _turnSequence;
    private long _currentTurnId;
    private long _lastActive;
    private int _queued; // the single-reader channel cannot count, and mailbox depth is a metric

    public ActivationData(GrainRuntime runtime, GrainId grainId, GrainTypeInfo grainType, IEnumerable<Turn> queued)
    {
        _runtime = runtime;
        GrainId = grainId;
        GrainType = grainType;
        foreach (var turn in queued)
        {
            TryEnqueue(turn);
        }
    }

    public GrainId GrainId { get; }

    public GrainTypeInfo GrainType { get; }

    public IGrainFactory GrainFactory => _runtime;

    public TimeProvider TimeProvider => _runtime.TimeProvider;

    public Grain Grain => _grain ?? throw new InvalidOperationException($"Grain '{GrainId}' is not created yet.");

    /// <summary>The turn running now, 0 when none.</summary>
    public long CurrentTurnId => Volatile.Read(ref _currentTurnId);

    public int MailboxDepth => Volatile.Read(ref _queued);

    /// <summary>Completes when this activation is gone (deactivated, or failed to activate).</summary>
    public Task Completion => _completion.Task;

    private ILogger Logger => _runtime.Logger;

    public void Start() =>
        ThreadPool.UnsafeQueueUserWorkItem(static activation => _ = activation.RunAsync(), this, preferLocal: false);

    /// <summary>False once the activation is closing: the caller looks it up again.</summary>
    public bool TryEnqueue(Turn turn)
    {
        Interlocked.Increment(ref _queued);
        if (_mailbox.Writer.TryWrite(turn))
        {
            return true;
        }

        Interlocked.Decrement(ref _queued);
        return false;
    }

    private bool TryDequeue([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Turn turn)
    {
        if (!_mailbox.Reader.TryRead(out turn))
        {
            return false;
        }

        Interlocked.Decrement(ref _queued);
        return true;
    }

    public DeactivationTurn? RequestDeactivation(DeactivationReason reason)
    {
        var turn = new DeactivationTurn(reason, Volatile.Read(ref _lastActive));
        return TryEnqueue(turn) ? turn : null;
    }

    /// <summary>
    /// No call has finished for <paramref name="collectionAge"/>. Turns may still be queued or running: the
    /// deactivation turn goes behind them and gives up if one of them was a call (timer ticks do not count).
    /// </summary>
    public bool IsIdle(TimeSpan collectionAge) =>
        Volatile.Read(ref _status) == Valid &&
        _runtime.TimeProvider.GetElapsedTime(Volatile.Read(ref _lastActive)) >= collectionAge;

    public void RequestDeactivateOnIdle() => _deactivateOnIdle = true;

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        if (Volatile.Read(ref _status) == Closed)
        {
            throw new InvalidOperationException($"Grain '{GrainId}' is deactivated; it cannot register timers.");
        }

        var timer = new GrainTimer(this, callback, dueTime, period);
        lock (_timersGate)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_timersGate)
        {
            _timers.Remove(timer);
        }
    }

    public IPersistentState<TState> GetPersistentState<TState>(string stateName, Func<TState> createInitialState,
        string? storageName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateName);
        ArgumentNullException.ThrowIfNull(createInitialState);
        if (!_constructing)
        {
            throw new InvalidOperationException(
                $"GetPersistentState(\"{stateName}\") was called for grain '{GrainId}' after it was created; declare " +
                "persistent states in the grain factory, so they are read before OnActivateAsync.");
        }

        if (_states.Any(state => state.StateName == stateName))
        {
            throw new InvalidOperationException(
                $"Grain '{GrainId}' declares persistent state '{stateName}' twice; state names are unique per grain.");
        }

        var persistentState = new PersistentState<TState>(stateName, GrainId.ToString(), _runtime.GetStorage(storageName),
            _runtime.JsonSerializerOptions, createInitialState);
        _states.Add(persistentState);
        return persistentState;
    }

    public IPersistentState<TState> GetPersistentState<TState>(string stateName, string? storageName = null)
        where TState : new() =>
        GetPersistentState(stateName, static () => new TState(), storageName);

    /// <summary>
    /// A call or one-way call finished: it counts as activity (timer ticks do not, as in Orleans). Called before
    /// the caller gets its answer, so what the caller does next sees it.
    /// </summary>
    public void CallCompleted(string method, bool succeeded, long enqueuedAt)
    {
        Volatile.Write(ref _lastActive, _runtime.TimeProvider.GetTimestamp());
        _runtime.Metrics.CallCompleted(GrainType.Name, method, succeeded,
            enqueuedAt == 0 ? null : _runtime.TimeProvider.GetElapsedTime(enqueuedAt));
    }

    public void OneWayFailed(string method, Exception exception)
    {
        _runtime.Metrics.Failed(GrainType.Name, "oneway");
        RuntimeLog.OneWayFailed(Logger, GrainId.ToString(), method, exception);
    }

    public void TimerFailed(Exception exception)
    {
        _runtime.Metrics.Failed(GrainType.Name, "timer");
        RuntimeLog.TimerFailed(Logger, GrainId.ToString(), exception);
    }

    private async Task RunAsync()
    {
        try
        {
            if (!await ActivateAsync())
            {
                return;
            }

            var reader = _mailbox.Reader;
            while (true)
            {
                if (!TryDequeue(out var turn))
                {
                    if (!await reader.WaitToReadAsync())
                    {
                        return;
                    }

                    continue;
                }

                if (turn is DeactivationTurn deactivation)
                {
                    var idleSince = deactivation.Reason.ReasonCode == DeactivationReasonCode.ActivationIdle
                        ? deactivation.ObservedLastActive
                        : (long?)null;
                    var deactivated = await TryDeactivateAsync(deactivation.Reason, idleSince);
                    deactivation.Complete(deactivated);
                    if (deactivated)
                    {
                        return;
                    }

                    continue;
                }

                await RunTurnAsync(turn);
                if (_deactivateOnIdle)
                {
                    _deactivateOnIdle = false;
                    var reason = new DeactivationReason(DeactivationReasonCode.ApplicationRequested,
                        "The grain called DeactivateOnIdle.");
                    if (await TryDeactivateAsync(reason, idleSince: null))
                    {
                        return;
                    }
                }
            }
        }
        catch (Exception ex)
        {
            // Turns report their own failures, so this is a runtime fault; fail what is queued so nobody hangs.
            RuntimeLog.MailboxFaulted(Logger, GrainId.ToString(), ex);
            DisposeTimers();
            Close(new InvalidOperationException($"The mailbox of grain '{GrainId}' stopped on a runtime fault.", ex));
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    private async Task<bool> ActivateAsync()
    {
        BeginTurn(caller: null);
        try
        {
            Grain grain;
            _constructing = true;
            try
            {
                grain = GrainType.Factory(this) ?? throw new InvalidOperationException(
                    $"The factory registered for {GrainType.GrainClass.Name} returned null.");
            }
            finally
            {
                _constructing = false;
            }

            grain.Attach(this);
            _grain = grain;
            foreach (var state in _states)
            {
                await state.ReadStateAsync(CancellationToken.None);
            }

            await grain.OnActivateAsync(CancellationToken.None);
            Volatile.Write(ref _lastActive, _runtime.TimeProvider.GetTimestamp());
            Volatile.Write(ref _status, Valid);
            _runtime.Metrics.ActivationCreated(GrainType.Name);
            return true;
        }
        catch (Exception ex)
        {
            RuntimeLog.ActivationFailed(Logger, GrainId.ToString(), ex);
            _runtime.Metrics.Failed(GrainType.Name, "activation");
            DisposeTimers();
            Close(new GrainActivationException(GrainId, ex));
            return false;
        }
        finally
        {
            EndTurn();
        }
    }

    private async Task RunTurnAsync(Turn turn)
    {
        // The call chain set here flows into the grain code of this turn only: an async method restores the
        // caller's ExecutionContext when it returns.
        BeginTurn(turn.Caller);
        try
        {
            await turn.ExecuteAsync(this);
        }
        finally
        {
            EndTurn();
        }
    }

    private async Task<bool> TryDeactivateAsync(DeactivationReason reason, long? idleSince)
    {
        if (idleSince is { } seen && Volatile.Read(ref _lastActive) != seen)
        {
            return false; // A call finished after the collector looked.
        }

        BeginTurn(caller: null);
        try
        {
            try
            {
                await Grain.OnDeactivateAsync(reason, CancellationToken.None);
            }
            catch (Exception ex)
            {
                _runtime.Metrics.Failed(GrainType.Name, "deactivation");
                RuntimeLog.OnDeactivateFailed(Logger, GrainId.ToString(), reason.ToString(), ex);
            }

            Exception? writeError = null;
            foreach (var state in _states)
            {
                try
                {
                    if (state.IsDirty)
                    {
                        await state.WriteStateAsync(CancellationToken.None);
                    }
                }
                catch (Exception ex)
                {
                    writeError ??= ex;
                    _runtime.Metrics.Failed(GrainType.Name, "persist");
                    RuntimeLog.StateWriteFailed(Logger, GrainId.ToString(), state.StateName, reason.ToString(), ex);
                }
            }

            if (writeError is not null)
            {
                if (reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
                {
                    RuntimeLog.KeptActive(Logger, GrainId.ToString());
                    return false;
                }

                _runtime.ReportUnwrittenState(GrainId, writeError);
            }

            DisposeTimers();
            Close(failure: null);
            _runtime.Metrics.Deactivated(GrainType.Name, reason.ReasonCode);
            return true;
        }
        finally
        {
            EndTurn();
        }
    }

    private void BeginTurn(CallChainEntry? caller)
    {
        var turnId = ++_turnSequence;
        Volatile.Write(ref _currentTurnId, turnId);
        CallChainEntry.Current = new CallChainEntry(this, turnId, caller);
    }

    private void EndTurn() => Volatile.Write(ref _currentTurnId, 0);

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_timersGate)
        {
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    /// <summary>
    /// Stops taking turns and leaves the directory. Turns still queued are failed when activation failed, or else
    /// carried in order to a fresh activation, which reads the state this one has just written.
    /// </summary>
    private void Close(Exception? failure)
    {
        Volatile.Write(ref _status, Closed);
        _mailbox.Writer.TryComplete();
        List<Turn>? carried = null;
        while (TryDequeue(out var turn))
        {
            if (failure is not null)
            {
                turn.Fail(this, failure);
            }
            else if (turn is DeactivationTurn deactivation)
            {
                deactivation.Complete(deactivated: true);
            }
            else if (turn is not TimerTurn)
            {
                (carried ??= []).Add(turn);
            }
        }

        _runtime.OnActivationClosed(this, carried);
    }
}
