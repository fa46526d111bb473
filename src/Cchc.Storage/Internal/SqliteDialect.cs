using System.Data.Common;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Cchc.Storage.Internal;

internal sealed class SqliteDialect : StorageDialect
{
    private const int SqliteConstraint = 19;
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    // Evidence references are often Vietnamese file names; keep them readable in the file.
    private static readonly JsonSerializerOptions EvidenceJson = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly string _connectionString;

    public SqliteDialect(string dataDirectory)
        : this(dataDirectory, new StorageOptions().SqliteBusyTimeout)
    {
    }

    public SqliteDialect(string dataDirectory, TimeSpan busyTimeout)
    {
        // Owner-only, like the signing key kept beside the database: the scores and the audit log are not for every local user.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dataDirectory);
        }
        else
        {
            Directory.CreateDirectory(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        DatabasePath = Path.GetFullPath(Path.Combine(dataDirectory, StorageOptions.SqliteFileName));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();
    }

    public string DatabasePath { get; }

    public override string ProviderName => "sqlite";

    public override string MigrationFolder => "Sqlite";

    public override string CreateSchemaVersionSql =>
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, " +
        "checksum TEXT NOT NULL, applied_at TEXT NOT NULL)";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            using var command = connection.CreateCommand();

            // synchronous is per connection: FULL makes every COMMIT fsync the WAL before it returns.
            command.CommandText = "PRAGMA synchronous = FULL";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection,
        CancellationToken cancellationToken) =>
        // BEGIN IMMEDIATE: a deferred transaction that reads first could not upgrade to a writer once another
        // connection has committed (SQLITE_BUSY_SNAPSHOT), which no retry fixes.
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    // WAL readers see the last commit as of their first read and never block the writer.
    public override ValueTask<DbTransaction> BeginReadTransactionAsync(DbConnection connection,
        CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    public override async Task PrepareForMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();

        // WAL is a property of the file: set once, it holds for every later connection.
        command.CommandText = "PRAGMA journal_mode = WAL";
        var mode = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"SQLite database {DatabasePath} could not be switched to WAL journaling (it reports '{mode}'). " +
                "Put the data directory on a local file system that supports shared memory.");
        }
    }

    public override object ToDbTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(
            DateTime.ParseExact(reader.GetString(ordinal), TimestampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            DateTimeKind.Utc));

    public override object ToDbEvidence(IReadOnlyList<string> evidence) =>
        JsonSerializer.Serialize(evidence, EvidenceJson);

    public override IReadOnlyList<string> ReadEvidence(DbDataReader reader, int ordinal) =>
        JsonSerializer.Deserialize<string[]>(reader.GetString(ordinal), EvidenceJson) ?? [];

    /// <summary>
    /// One statement prepared once for the writer's connection and bound by position, through the SQLite library under
    /// Microsoft.Data.Sqlite: its commands look every parameter up by name on every run, which was a third of an audit
    /// row's insert (7.7 against 11.8 µs a row, 91-row appends, deploy/bench/README.md), and the single writer inserts
    /// every row of a bulk load.
    /// </summary>
    public override Task InsertRowsAsync(WriterStatements statements, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IReadOnlyList<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);

        // The statement runs inside the connection's open transaction: SQLite has one per connection.
        var database = ((SqliteConnection)statements.Connection).Handle!;
        // Kept under its table's name: the statement's text is built once, when it is first prepared.
        var statement = statements.Kept(table, (connection, name) =>
        {
            var handle = ((SqliteConnection)connection).Handle!;
            var sql = $"INSERT INTO {name} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"?{i + 1}"))})";
            Check(raw.sqlite3_prepare_v2(handle, sql, out var prepared), handle);
            return prepared;
        });
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                Check(row[i] switch
                {
                    null => raw.sqlite3_bind_null(statement, i + 1),
                    string text => raw.sqlite3_bind_text(statement, i + 1, text),
                    int number => raw.sqlite3_bind_int64(statement, i + 1, number),
                    long number => raw.sqlite3_bind_int64(statement, i + 1, number),
                    var other => throw new ArgumentException($"Column {columns[i]} of {table}: {other.GetType()} has no SQLite binding here.", nameof(rows)),
                }, database);
            }

            try
            {
                Check(raw.sqlite3_step(statement), database);
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }
        }

        return Task.CompletedTask;
    }

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint };

    public override string VolumeDescription => $"the volume of {DatabasePath}";

    public override ValueTask DisposeAsync()
    {
        // Pooled handles keep the file open; release them so the directory can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    private static void Check(int result, sqlite3 database) => SqliteException.ThrowExceptionForRC(result, database);
}
