using System.Data.Common;

namespace Cchc.Storage.Internal;

/// <summary>
/// The single writer's commands (and any statement a dialect prepares itself), kept for the life of its connection.
/// Microsoft.Data.Sqlite prepares a command's SQL once per command object (dotnet/efcore#14044), so a command made for
/// each use compiled every statement of every append again, the savepoints around it included. Keyed by SQL text: the
/// writer runs a fixed set of about ten texts, so what is kept is bounded by the code, not by the load.
/// </summary>
internal sealed class WriterStatements(DbConnection connection) : IDisposable
{
    private const string SavepointName = "cchc_write";

    /// <summary>Marks where a failed append rolls back to (<see cref="RollbackToSavepointAsync"/>).</summary>
    public const string SavepointSql = $"SAVEPOINT {SavepointName}";

    private readonly Dictionary<string, IDisposable> _kept = new(StringComparer.Ordinal);

    public DbConnection Connection => connection;

    /// <summary>
    /// The command for <paramref name="sql"/>, in <paramref name="transaction"/>, with the parameters of its last run:
    /// set each with <see cref="DbCommandExtensions.SetParameter"/>.
    /// </summary>
    public DbCommand Command(string sql, DbTransaction transaction)
    {
        var command = Kept(sql, static (connection, sql) =>
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        });
        command.Transaction = transaction;
        return command;
    }

    /// <summary>
    /// What <paramref name="create"/> made for <paramref name="key"/> on this connection, made on first use: a command's
    /// key is its SQL text, a dialect's own statement's the table it writes.
    /// </summary>
    public T Kept<T>(string key, Func<DbConnection, string, T> create)
        where T : class, IDisposable
    {
        ArgumentNullException.ThrowIfNull(create);
        if (!_kept.TryGetValue(key, out var kept))
        {
            kept = create(connection, key);
            _kept.Add(key, kept);
        }

        return (T)kept;
    }

    /// <inheritdoc cref="SavepointSql"/>
    public Task SavepointAsync(DbTransaction transaction) => Command(SavepointSql, transaction).ExecuteNonQueryAsync();

    public Task ReleaseSavepointAsync(DbTransaction transaction) => Command($"RELEASE SAVEPOINT {SavepointName}", transaction).ExecuteNonQueryAsync();

    public Task RollbackToSavepointAsync(DbTransaction transaction) =>
        Command($"ROLLBACK TO SAVEPOINT {SavepointName}", transaction).ExecuteNonQueryAsync();

    public void Dispose()
    {
        foreach (var kept in _kept.Values)
        {
            kept.Dispose();
        }

        _kept.Clear();
    }
}
