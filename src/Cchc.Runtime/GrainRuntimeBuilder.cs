using Cchc.Runtime.Hosting;
using Cchc.Runtime.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cchc.Runtime;

/// <summary>
/// Registers grains and storages, then builds a <see cref="GrainRuntime"/>. Grain methods are checked here, so a
/// grain interface Orleans would reject fails at startup, not at the first call.
/// </summary>
public sealed class GrainRuntimeBuilder
{
    /// <summary>The storage a persistent state uses when it names none (Orleans' "Default").</summary>
    public const string DefaultStorageName = "Default";

    private readonly Dictionary<Type, GrainInterfaceInfo> _interfaces = [];
    private readonly Dictionary<Type, GrainTypeInfo> _grainTypes = [];
    private readonly Dictionary<string, IGrainStorage> _storages = new(StringComparer.Ordinal);
    private TimeProvider _timeProvider = TimeProvider.System;
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;

    public GrainRuntimeOptions Options { get; } = new();

    public GrainRuntimeBuilder Configure(Action<GrainRuntimeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Options);
        return this;
    }

    /// <summary>The clock for idle collection, grain timers and response timeouts.</summary>
    public GrainRuntimeBuilder UseTimeProvider(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        return this;
    }

    public GrainRuntimeBuilder UseLoggerFactory(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        return this;
    }

    /// <summary>Registers the default storage.</summary>
    public GrainRuntimeBuilder AddGrainStorage(IGrainStorage storage) => AddGrainStorage(DefaultStorageName, storage);

    public GrainRuntimeBuilder AddGrainStorage(string name, IGrainStorage storage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(storage);
        if (!_storages.TryAdd(name, storage))
        {
            throw new InvalidOperationException($"A grain storage named '{name}' is already registered.");
        }

        return this;
    }

    /// <summary>
    /// Registers <typeparamref name="TGrain"/> behind <typeparamref name="TGrainInterface"/>. The factory runs on each
    /// activation; declare persistent states there with <see cref="IGrainContext.GetPersistentState{TState}(string, Func{TState}, string?)"/>.
    /// A class behind several interfaces keeps the factory of its first registration.
    /// </summary>
    public GrainRuntimeBuilder AddGrain<TGrainInterface, TGrain>(Func<IGrainContext, TGrain> factory)
        where TGrainInterface : IGrainWithStringKey
        where TGrain : Grain, TGrainInterface
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (_interfaces.ContainsKey(typeof(TGrainInterface)))
        {
            throw new InvalidOperationException($"A grain is already registered for {typeof(TGrainInterface).Name}.");
        }

        if (!_grainTypes.TryGetValue(typeof(TGrain), out var grainType))
        {
            grainType = new GrainTypeInfo(typeof(TGrain), factory);
            if (_grainTypes.Values.FirstOrDefault(other => other.Name == grainType.Name) is { } clash)
            {
                throw new InvalidOperationException(
                    $"Grain classes {clash.GrainClass.FullName} and {typeof(TGrain).FullName} both have the grain type " +
                    $"name '{grainType.Name}'; give one a [GrainType(\"...\")].");
            }

            _grainTypes.Add(typeof(TGrain), grainType);
        }

        _interfaces.Add(typeof(TGrainInterface), new GrainInterfaceInfo(typeof(TGrainInterface), grainType));
        return this;
    }

    /// <summary>Registers a grain with a parameterless constructor and no persistent state.</summary>
    public GrainRuntimeBuilder AddGrain<TGrainInterface, TGrain>()
        where TGrainInterface : IGrainWithStringKey
        where TGrain : Grain, TGrainInterface, new() =>
        AddGrain<TGrainInterface, TGrain>(static _ => new TGrain());

    public GrainRuntime Build()
    {
        Options.Validate();
        return new GrainRuntime(Options, _timeProvider, _loggerFactory, _interfaces, _storages);
    }
}
