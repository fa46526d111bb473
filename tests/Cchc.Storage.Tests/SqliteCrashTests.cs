using Xunit.Abstractions;

namespace Cchc.Storage.Tests;

public sealed class SqliteCrashTests(SqliteTarget target, ITestOutputHelper output)
    : CrashTests(target, output), IClassFixture<SqliteTarget>;
