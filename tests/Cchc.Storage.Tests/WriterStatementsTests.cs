using Cchc.Storage.Internal;
using Microsoft.Data.Sqlite;

namespace Cchc.Storage.Tests;

/// <summary>
/// The single writer keeps one command per SQL text for its connection, so SQLite compiles each statement once: a kept
/// command comes back in the transaction it is asked for with its parameter objects, which take each run's values, and
/// still runs after a use that the database refused. On a real SQLite file.
/// </summary>
public sealed class WriterStatementsTests : IDisposable
{
    private const string Insert = "INSERT INTO t (k, v) VALUES (@k, @v)";
    private readonly string _directory = Directory.CreateTempSubdirectory("cchc-writer-statements-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_kept_command_is_the_same_object_without_its_last_parameters_and_survives_a_refused_use()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "w.db")}");
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)";
            await create.ExecuteNonQueryAsync();
        }

        using var statements = new WriterStatements(connection);
        await using (var first = await connection.BeginTransactionAsync())
        {
            var command = statements.Command(Insert, first);
            command.SetParameter("@k", "a");
            command.SetParameter("@v", 1);
            await command.ExecuteNonQueryAsync();
            await first.CommitAsync();
        }

        await using (var second = await connection.BeginTransactionAsync())
        {
            var again = statements.Command(Insert, second);
            var kept = again.Parameters.Cast<object>().ToList();
            Assert.Same(again, statements.Command(Insert, second));
            Assert.Same(second, again.Transaction);

            // A duplicate key is refused; the same command then inserts the next row.
            await statements.SavepointAsync(second);
            again.SetParameter("@k", "a");
            again.SetParameter("@v", 2);
            await Assert.ThrowsAsync<SqliteException>(() => again.ExecuteNonQueryAsync());
            await statements.RollbackToSavepointAsync(second);

            var next = statements.Command(Insert, second);
            next.SetParameter("@k", "b");
            next.SetParameter("@v", 3);
            await next.ExecuteNonQueryAsync();

            // The parameters are the objects of the first run, given new values, not added again.
            Assert.Equal(kept, next.Parameters.Cast<object>());
            await statements.ReleaseSavepointAsync(second);
            await second.CommitAsync();
        }

        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT group_concat(k || '=' || v, ',') FROM (SELECT k, v FROM t ORDER BY k)";
        Assert.Equal("a=1,b=3", await read.ExecuteScalarAsync());
    }
}
