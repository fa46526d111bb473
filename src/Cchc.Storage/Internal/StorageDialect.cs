using System.Data.Common;

namespace Cchc.Storage.Internal;

/// <summary>What differs between the providers: connections, value mapping, error codes, migration locking.</summary>
internal abstract class StorageDialect : IAsyncDisposable
{
    public abstract string ProviderName { get; }

    /// <summary>The folder under Migrations/ holding this provider's scripts.</summary>
    public abstract string MigrationFolder { get; }

    /// <summary>Opens a connection configured for durable writes.</summary>
    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Starts a transaction that will write (SQLite takes the write lock up front).</summary>
    public virtual async ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection,
        CancellationToken cancellationToken) => await connection.BeginTransactionAsync(cancellationToken);

    /// <summary>Starts a read-only transaction that sees one committed state throughout (a stream and its snapshot agree).</summary>
    public virtual async ValueTask<DbTransaction> BeginReadTransactionAsync(DbConnection connection,
        CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);

    /// <summary>Runs before the migration transaction (SQLite switches the file to WAL here).</summary>
    public virtual Task PrepareForMigrationAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Serializes concurrent migrators (PostgreSQL: advisory lock; SQLite: the write lock already does).</summary>
    public virtual Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction,
        CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract string CreateSchemaVersionSql { get; }

    public abstract object ToDbTimestamp(DateTimeOffset value);

    public abstract DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal);

    public abstract object ToDbEvidence(IReadOnlyList<string> evidence);

    public abstract IReadOnlyList<string> ReadEvidence(DbDataReader reader, int ordinal);

    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>
    /// Inserts <paramref name="rows"/> into <paramref name="table"/> within <paramref name="transaction"/>, in order: each
    /// row's values in the order of <paramref name="columns"/> (null for NULL). Throws the provider's exception for the
    /// first row that fails; the caller rolls back. The writer asks it of a provider whose connections take no batches
    /// of statements (SQLite, in process, where a statement costs no round trip); the others implement
    /// <see cref="AddRows"/>.
    /// </summary>
    public virtual Task InsertRowsAsync(WriterStatements statements, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IReadOnlyList<object?[]> rows) =>
        throw new NotSupportedException($"The {ProviderName} provider's writer sends rows in batches (AddRows).");

    /// <summary>
    /// Adds to <paramref name="batch"/> the statements that insert <paramref name="rows"/> as <see cref="InsertRowsAsync"/>
    /// describes. The writer asks it of a provider whose connections take batches (<see cref="DbConnection.CanCreateBatch"/>;
    /// PostgreSQL), and sends each append in one round trip.
    /// </summary>
    public virtual void AddRows(DbBatch batch, string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows) =>
        throw new NotSupportedException($"The {ProviderName} provider takes no batches of statements; its writer inserts rows one statement at a time (InsertRowsAsync).");

    /// <summary>
    /// The fewest rows an append must carry for the batching writer to copy them (<see cref="CopyRowsAsync"/>) after its
    /// batch instead of adding them to it; by default never.
    /// </summary>
    public virtual int MinCopiedRows => int.MaxValue;

    /// <summary>
    /// Inserts <paramref name="rows"/> as <see cref="InsertRowsAsync"/> describes, through the provider's bulk copy on the
    /// connection's open transaction. A failure leaves the transaction to be rolled back, as a failed statement does.
    /// </summary>
    public virtual Task CopyRowsAsync(DbConnection connection, string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows) =>
        throw new NotSupportedException($"The {ProviderName} provider has no bulk copy; its writer inserts rows as statements.");

    /// <summary>Where the database keeps its files, for an operator told to free space there.</summary>
    public abstract string VolumeDescription { get; }

    /// <summary>
    /// Drops pooled connections after a failure: when the database restarted, every idle one is broken, and each would
    /// otherwise fail one more request before the pool noticed.
    /// </summary>
    public virtual void ClearPool()
    {
    }

    public abstract ValueTask DisposeAsync();
}
