using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cchc.Storage;

/// <summary>
/// Owns the "Cchc.Storage" meter: operation latency and errors by provider and operation, audit rows
/// appended, and how many writes each group commit carried.
/// </summary>
public sealed class StorageMetrics : IDisposable
{
    public const string MeterName = "Cchc.Storage";

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _auditAppends;
    private readonly Histogram<int> _batchSize;
    private readonly KeyValuePair<string, object?> _provider;
    private readonly bool _ownsMeter;

    public StorageMetrics(string providerName, IMeterFactory? meterFactory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        ProviderName = providerName;
        _provider = new("provider", providerName);
        _ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _duration = Meter.CreateHistogram<double>("cchc.storage.operation.duration", "s",
            "Time from call to durable answer of a storage operation.");
        _errors = Meter.CreateCounter<long>("cchc.storage.operation.errors", "{error}",
            "Storage operations that failed, by error type (version conflicts and duplicate keys included).");
        _auditAppends = Meter.CreateCounter<long>("cchc.storage.audit.appends", "{entry}",
            "Audit entries committed.");
        _batchSize = Meter.CreateHistogram<int>("cchc.storage.commit.batch_size", "{write}",
            "Appends taken together into one group-commit transaction (rejected ones included).");
    }

    public string ProviderName { get; }

    public Meter Meter { get; }

    internal long StartTimestamp() => Stopwatch.GetTimestamp();

    internal void RecordSuccess(string operation, long startTimestamp) =>
        _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, _provider,
            new("operation", operation));

    internal void RecordFailure(string operation, long startTimestamp, Exception exception)
    {
        var errorType = exception switch
        {
            StreamVersionConflictException => "version_conflict",
            DuplicateIdempotencyKeyException => "duplicate_idempotency_key",
            OperationCanceledException => "canceled",
            StorageBusyException => "busy",
            _ => exception.GetType().Name,
        };
        _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, _provider,
            new("operation", operation));
        _errors.Add(1, _provider, new("operation", operation), new("error.type", errorType));
    }

    internal void RecordCommit(int writes, int auditEntries)
    {
        _batchSize.Record(writes, _provider);
        if (auditEntries > 0)
        {
            _auditAppends.Add(auditEntries, _provider);
        }
    }

    public void Dispose()
    {
        // A factory-made meter is shared and disposed by its factory.
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }
}
