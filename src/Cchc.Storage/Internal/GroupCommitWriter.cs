using System.Data;
using System.Data.Common;
using System.Threading.Channels;

namespace Cchc.Storage.Internal;

/// <summary>
/// The single writer of a process: callers queue appends into a channel; one loop takes whatever queued while
/// the previous commit ran (up to N, no timer: a lone writer never waits for company), applies each under its own
/// savepoint in one transaction, commits, and only then completes each caller's task. An append that fails (stale
/// version, used idempotency key, bad data) is rolled back to its savepoint and fails alone; its neighbours still
/// commit. One fsync thus acknowledges many grains' batches. Each grain has at most one append in flight (grains are
/// single-threaded), so the queue holds about one per active commune; it is bounded anyway (a slow database must not
/// turn into unbounded memory): past its bound an append is refused at once with <see cref="StorageBusyException"/>.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<PendingAppend> _queue =
        Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });

    private readonly StorageDialect _dialect;
    private readonly StreamCommands _commands;
    private readonly StorageMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly int _maxBatchSize;
    private readonly int _maxQueued;
    private readonly StreamHeads _heads = new();
    private readonly Task _loop;
    private DbConnection? _connection;
    private WriterStatements? _statements;
    private long _batchesFormed;
    private long _cancelled;
    private int _queued;

    public GroupCommitWriter(StorageDialect dialect, StreamCommands commands, StorageMetrics metrics,
        TimeProvider timeProvider, int maxBatchSize, int maxQueued)
    {
        _maxQueued = maxQueued;
        _dialect = dialect;
        _commands = commands;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _maxBatchSize = maxBatchSize;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>How many batches the loop has taken from the queue so far (tests wait on it to line writes up).</summary>
    public long BatchesFormed => Interlocked.Read(ref _batchesFormed);

    /// <summary>Appends waiting for the loop (tests wait on it to cancel one while it is still queued).</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Appends their callers cancelled while still queued (tests wait on it before letting the writer go on).</summary>
    public long Cancelled => Interlocked.Read(ref _cancelled);

    /// <summary>Queues the append; the returned task completes after COMMIT.</summary>
    /// <exception cref="StorageBusyException">The queue is at its bound; nothing was queued.</exception>
    public async Task SubmitAsync(PendingAppend write, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _queued) > _maxQueued)
        {
            Interlocked.Decrement(ref _queued);
            throw new StorageBusyException(_maxQueued);
        }

        if (!_queue.Writer.TryWrite(write))
        {
            Interlocked.Decrement(ref _queued);
            throw new ObjectDisposedException(nameof(ScoreStorage), "The storage is closed; nothing was written.");
        }

        using var registration = cancellationToken.Register(() =>
        {
            if (write.TryCancel(cancellationToken))
            {
                Interlocked.Increment(ref _cancelled);
            }
        });
        await write.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        // Queued writes still commit: closing must not drop what callers are waiting for.
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingAppend>(_maxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var write))
            {
                Interlocked.Decrement(ref _queued);
                if (write.TryTake())
                {
                    batch.Add(write);
                }
            }

            if (batch.Count > 0)
            {
                Interlocked.Increment(ref _batchesFormed);
                await CommitAsync(batch);
                batch.Clear();
            }
        }

        await ResetConnectionAsync();
    }

    private async Task CommitAsync(List<PendingAppend> batch)
    {
        Exception?[] errors;
        DbTransaction transaction;
        var reused = _connection is not null;
        try
        {
            (transaction, errors) = await ApplyAsync(batch);
        }
#pragma warning disable CA1031 // The batch's callers get the exception; the loop must survive to serve the next batch.
        catch (Exception) when (reused)
        {
            // The kept connection died since the last batch (the database restarted). Nothing commits before COMMIT,
            // so nothing of this batch was applied: it is tried once more on a fresh connection instead of failing
            // writes that never reached the database.
            await ResetConnectionAsync();
            _dialect.ClearPool();
            try
            {
                (transaction, errors) = await ApplyAsync(batch);
            }
            catch (Exception exception)
            {
                await FailAsync(batch, exception);
                return;
            }
        }
        catch (Exception exception)
        {
            await FailAsync(batch, exception);
            return;
        }

        try
        {
            await transaction.CommitAsync();
        }
        catch (Exception exception)
        {
            // The outcome is unknown: nobody in the batch is acknowledged; they re-read and resend with their keys.
            await FailAsync(batch, exception);
            return;
        }
#pragma warning restore CA1031
        finally
        {
            await transaction.DisposeAsync();
        }

        var auditEntries = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            if (errors[i] is null)
            {
                auditEntries += batch[i].Append.Entries.Count;
            }
        }

        _metrics.RecordCommit(batch.Count, auditEntries);
        for (var i = 0; i < batch.Count; i++)
        {
            if (errors[i] is { } error)
            {
                batch[i].Completion.TrySetException(error);
            }
            else
            {
                _heads.Committed(batch[i].Append.StreamId, batch[i].Append.NewVersion, batch[i].Rows.Head);
                batch[i].Completion.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Opens the transaction and applies each append under its own savepoint; an append that fails (stale version,
    /// used key, bad data) is rolled back to its savepoint and recorded as its answer. Returns the open transaction.
    /// </summary>
    private async Task<(DbTransaction Transaction, Exception?[] Errors)> ApplyAsync(List<PendingAppend> batch)
    {
        var errors = new Exception?[batch.Count];
        _connection ??= await _dialect.OpenAsync(CancellationToken.None);
        var statements = _statements ??= new WriterStatements(_connection);
        var transaction = await _dialect.BeginWriteTransactionAsync(_connection, CancellationToken.None);
        try
        {
            var now = _timeProvider.GetUtcNow();
            // A provider that takes batches of statements gets each append in one round trip, its savepoint included.
            var oneTrip = _connection.CanCreateBatch;
            for (var i = 0; i < batch.Count; i++)
            {
                if (oneTrip)
                {
                    try
                    {
                        await _commands.ApplyInOneTripAsync(statements, transaction, batch[i].Append, batch[i].Rows, now, _heads);
                    }
                    // The append rolled itself back to its savepoint. A connection that broke (the database restarted)
                    // fails the whole batch instead, which CommitAsync tries once more on a fresh one, as it does when
                    // the rollback below fails.
#pragma warning disable CA1031 // As below.
                    catch (Exception exception) when (_connection.State == ConnectionState.Open)
#pragma warning restore CA1031
                    {
                        errors[i] = await ExplainAsync(statements, transaction, batch[i], exception);
                    }

                    continue;
                }

                await statements.SavepointAsync(transaction);
                try
                {
                    await _commands.ApplyAsync(statements, transaction, batch[i].Append, batch[i].Rows, now, _heads);
                    await statements.ReleaseSavepointAsync(transaction);
                }
#pragma warning disable CA1031 // Any failure of one append is that append's answer; a broken connection fails the rollback below.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    await statements.RollbackToSavepointAsync(transaction);
                    errors[i] = await ExplainAsync(statements, transaction, batch[i], exception);
                }
            }

            return (transaction, errors);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    private async Task FailAsync(List<PendingAppend> batch, Exception exception)
    {
        await ResetConnectionAsync();
        _dialect.ClearPool();
        var failure = Classify(exception);
        foreach (var write in batch)
        {
            write.Completion.TrySetException(failure);
        }
    }

    /// <summary>
    /// A full disk is told apart from a database that failed: the transaction was rolled back (nothing is stored, so
    /// no idempotency doubt), and only freeing space helps, which the caller's message must say.
    /// </summary>
    private Exception Classify(Exception exception) => DiskFull.Is(exception)
        ? new StorageFullException($"The database's disk is full ({_dialect.VolumeDescription}); the write was rolled back.", exception)
        : exception;

    /// <summary>
    /// A unique violation on the idempotency table means another process recorded the key between our check
    /// and our insert: answer like any duplicate, with the response that won.
    /// </summary>
    private async Task<Exception> ExplainAsync(WriterStatements statements, DbTransaction transaction, PendingAppend write, Exception exception)
    {
        var append = write.Append;
        if (append.Idempotency is { } idempotency && _dialect.IsUniqueViolation(exception))
        {
            var stored = await StreamCommands.FindResponseAsync(statements, transaction, append.StreamId, idempotency.Key);
            if (stored is not null)
            {
                return new DuplicateIdempotencyKeyException(append.StreamId, idempotency.Key, stored);
            }
        }

        return Classify(exception);
    }

    private async Task ResetConnectionAsync()
    {
        if (_connection is null)
        {
            return;
        }

        try
        {
            // The kept statements belong to the connection: disposed first, so none outlives it.
            _statements?.Dispose();
            _statements = null;
            await _connection.DisposeAsync();
        }
#pragma warning disable CA1031 // A connection that broke may fail to close too; a fresh one is opened next batch.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            _connection = null;
        }
    }
}
