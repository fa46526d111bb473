using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Cchc.Runtime.Hosting;
using Cchc.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace Cchc.Runtime;

/// <summary>
/// The in-process grain runtime (a single Orleans silo, in spirit): a directory of activations keyed by
/// <see cref="GrainId"/>, created on first call, collected when idle, all written back on stop. Build it with
/// <see cref="GrainRuntimeBuilder"/>, then <see cref="StartAsync"/>; it is also the <see cref="IGrainFactory"/>.
/// </summary>
public sealed class GrainRuntime : IGrainFactory, IAsyncDisposable
{
    private const int NotStarted = 0;
    private const int Running = 1;
    private const int Stopping = 2;
    private const int Stopped = 3;

    private static readonly DeactivationReason IdleReason =
        new(DeactivationReasonCode.ActivationIdle, "No call arrived within the collection age.");

    private static readonly DeactivationReason ShutdownReason =
        new(DeactivationReasonCode.ShuttingDown, "The grain runtime is stopping.");

    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly FrozenDictionary<Type, GrainInterfaceInfo> _interfaces;
    private readonly FrozenDictionary<string, IGrainStorage> _storages;
    private readonly ConcurrentQueue<Exception> _unwrittenState = new();
    private readonly Lock _gate = new();
    private readonly TimeSpan _collectionAge;
    private readonly TimeSpan _collectionQuantum;
    private readonly TimeSpan _responseTimeout;
    private int _status = NotStarted;
    private ITimer? _collector;
    private Task? _stopping;

    internal GrainRuntime(GrainRuntimeOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory,
        IReadOnlyDictionary<Type, GrainInterfaceInfo> interfaces, IReadOnlyDictionary<string, IGrainStorage> storages)
    {
        _collectionAge = options.CollectionAge;
        _collectionQuantum = options.CollectionQuantum;
        _responseTimeout = options.ResponseTimeout;
        JsonSerializerOptions = options.JsonSerializerOptions;
        TimeProvider = timeProvider;
        Logger = loggerFactory.CreateLogger<GrainRuntime>();
        _interfaces = interfaces.ToFrozenDictionary();
        _storages = storages.ToFrozenDictionary(StringComparer.Ordinal);
        Metrics = new GrainRuntimeMetrics(ObserveActivations, ObserveMailboxDepth);
    }

    public GrainRuntimeMetrics Metrics { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>Activations in the directory now, including ones being created or deactivated.</summary>
    public int ActivationCount => _activations.Count;

    internal ILogger Logger { get; }

    internal JsonSerializerOptions JsonSerializerOptions { get; }

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_status == Running)
            {
                return Task.CompletedTask;
            }

            if (_status != NotStarted)
            {
                throw new InvalidOperationException("A stopped grain runtime cannot start again; build a new one.");
            }

            _collector = TimeProvider.CreateTimerWithoutContext(
                static runtime => ((GrainRuntime)runtime!).OnCollectorDue(), this);
            _collector.Change(_collectionQuantum, _collectionQuantum);
            _status = Running;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops taking calls from outside (they get <see cref="GrainRuntimeStoppedException"/>), lets queued and
    /// running calls finish (calls they make still go through), then deactivates every activation, writing
    /// changed state. Throws if some state could not be written, naming the grains.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_status == NotStarted)
            {
                _status = Stopped;
                return Task.CompletedTask;
            }

            _stopping ??= StopCoreAsync();
        }

        return _stopping.WaitAsync(cancellationToken);
    }

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(primaryKey);
        if (!_interfaces.TryGetValue(typeof(TGrainInterface), out var grainInterface))
        {
            throw new InvalidOperationException(
                $"No grain is registered for {typeof(TGrainInterface).Name}; register one with " +
                $"GrainRuntimeBuilder.AddGrain<{typeof(TGrainInterface).Name}, TGrain>(...).");
        }

        return (TGrainInterface)GrainReference.Create(this, grainInterface,
            new GrainId(grainInterface.GrainType.Name, primaryKey));
    }

    /// <summary>
    /// Deactivates now every activation idle for at least the collection age (what the collector does every
    /// collection quantum) and returns how many went.
    /// </summary>
    public async Task<int> CollectIdleActivationsAsync(CancellationToken cancellationToken = default)
    {
        var requested = new List<Task<bool>>();
        foreach (var (_, activation) in _activations)
        {
            if (activation.IsIdle(_collectionAge) && activation.RequestDeactivation(IdleReason) is { } turn)
            {
                requested.Add(turn.Completion);
            }
        }

        var deactivated = await Task.WhenAll(requested).WaitAsync(cancellationToken);
        return deactivated.Count(done => done);
    }

    /// <summary>
    /// Stops the runtime if <see cref="StopAsync"/> was not called; a failure of that stop is thrown here. A failure
    /// of an earlier StopAsync is not thrown again: its caller has had it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Task? stoppedEarlier;
        lock (_gate)
        {
            stoppedEarlier = _stopping;
        }

        try
        {
            if (stoppedEarlier is null)
            {
                await StopAsync();
            }
            else
            {
                await ((Task)stoppedEarlier).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            _collector?.Dispose();
            Metrics.Dispose();
        }
    }

    internal IGrainStorage GetStorage(string? storageName)
    {
        var name = storageName ?? GrainRuntimeBuilder.DefaultStorageName;
        if (_storages.TryGetValue(name, out var storage))
        {
            return storage;
        }

        var registered = _storages.Count == 0 ? "none" : string.Join(", ", _storages.Keys.Order(StringComparer.Ordinal));
        throw new InvalidOperationException(
            $"No grain storage named '{name}' is registered (registered: {registered}); add it with " +
            "GrainRuntimeBuilder.AddGrainStorage.");
    }

    /// <summary>Why a call may not be made now (runtime not running, or a deadlock), or null.</summary>
    internal Exception? CheckCall(GrainId target, CallChainEntry? caller, string method)
    {
        var status = Volatile.Read(ref _status);
        if (status != Running && !(status == Stopping && caller is not null))
        {
            return Refused(status, target, method);
        }

        return caller is null ? null : CallChainEntry.FindDeadlock(caller, target, method);
    }

    internal Exception? CheckOneWay(GrainId target, string method)
    {
        var status = Volatile.Read(ref _status);
        return status == Running || (status == Stopping && CallChainEntry.Current is not null)
            ? null
            : Refused(status, target, method);
    }

    internal long CallTimestamp() => Metrics.CallDurationEnabled ? TimeProvider.GetTimestamp() : 0;

    /// <summary>Queues a turn in the target's mailbox, creating the activation if there is none.</summary>
    internal void Submit(GrainId grainId, GrainTypeInfo grainType, Turn turn)
    {
        var spinner = new SpinWait();
        while (true)
        {
            if (_activations.TryGetValue(grainId, out var activation))
            {
                if (activation.TryEnqueue(turn))
                {
                    return;
                }

                // It is closing: in a moment it is replaced or removed.
                spinner.SpinOnce();
                continue;
            }

            var created = new ActivationData(this, grainId, grainType, [turn]);
            if (_activations.TryAdd(grainId, created))
            {
                created.Start();
                return;
            }
        }
    }

    internal Task WithResponseTimeout(Task task, GrainId grainId, string method) =>
        task.IsCompleted || _responseTimeout == Timeout.InfiniteTimeSpan
            ? task
            : AwaitWithTimeoutAsync(task, grainId, method);

    internal Task<TResult> WithResponseTimeout<TResult>(Task<TResult> task, GrainId grainId, string method) =>
        task.IsCompleted || _responseTimeout == Timeout.InfiniteTimeSpan
            ? task
            : AwaitWithTimeoutAsync(task, grainId, method);

    internal void OnActivationClosed(ActivationData activation, List<Turn>? carried)
    {
        if (carried is null)
        {
            _activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation));
            return;
        }

        var next = new ActivationData(this, activation.GrainId, activation.GrainType, carried);
        if (_activations.TryUpdate(activation.GrainId, next, activation))
        {
            next.Start();
        }
    }

    internal void ReportUnwrittenState(GrainId grainId, Exception exception) =>
        _unwrittenState.Enqueue(new InvalidOperationException(
            $"The changed state of grain '{grainId}' was not written at shutdown: {exception.Message}", exception));

    private async Task StopCoreAsync()
    {
        Volatile.Write(ref _status, Stopping);
        _collector?.Dispose();
        while (!_activations.IsEmpty)
        {
            var round = new List<Task>();
            foreach (var (_, activation) in _activations)
            {
                activation.RequestDeactivation(ShutdownReason);
                round.Add(activation.Completion);
            }

            await Task.WhenAll(round);
        }

        Volatile.Write(ref _status, Stopped);
        if (!_unwrittenState.IsEmpty)
        {
            var errors = _unwrittenState.ToArray();
            throw new AggregateException(
                $"The grain runtime stopped, but the changed state of {errors.Length} grain(s) could not be written; " +
                "see the inner exceptions.", errors);
        }
    }

    private void OnCollectorDue()
    {
        if (Volatile.Read(ref _status) == Running)
        {
            _ = CollectInBackgroundAsync();
        }
    }

    private async Task CollectInBackgroundAsync()
    {
        try
        {
            await CollectIdleActivationsAsync();
        }
        catch (Exception ex)
        {
            RuntimeLog.CollectionFailed(Logger, ex);
        }
    }

    private async Task AwaitWithTimeoutAsync(Task task, GrainId grainId, string method)
    {
        try
        {
            await task.WaitAsync(_responseTimeout, TimeProvider);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw ResponseTimedOut(grainId, method);
        }
    }

    private async Task<TResult> AwaitWithTimeoutAsync<TResult>(Task<TResult> task, GrainId grainId, string method)
    {
        try
        {
            return await task.WaitAsync(_responseTimeout, TimeProvider);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw ResponseTimedOut(grainId, method);
        }
    }

    private TimeoutException ResponseTimedOut(GrainId grainId, string method) =>
        new($"Call {method} to grain '{grainId}' got no response within {_responseTimeout} (ResponseTimeout). " +
            "The grain may be stuck or waiting on a call chain; the call stays queued and may still run.");

    private static GrainRuntimeStoppedException Refused(int status, GrainId target, string method) =>
        new(status switch
        {
            NotStarted => $"Call {method} to grain '{target}' refused: the grain runtime has not been started.",
            Stopping => $"Call {method} to grain '{target}' refused: the grain runtime is shutting down.",
            _ => $"Call {method} to grain '{target}' refused: the grain runtime is stopped.",
        });

    private IEnumerable<Measurement<long>> ObserveActivations() =>
        _activations.Values.GroupBy(activation => activation.GrainType.Name)
            .Select(group => new Measurement<long>(group.Count(),
                new KeyValuePair<string, object?>("grain.type", group.Key)));

    private IEnumerable<Measurement<long>> ObserveMailboxDepth() =>
        _activations.Values.GroupBy(activation => activation.GrainType.Name)
            .Select(group => new Measurement<long>(group.Sum(activation => (long)activation.MailboxDepth),
                new KeyValuePair<string, object?>("grain.type", group.Key)));
}
