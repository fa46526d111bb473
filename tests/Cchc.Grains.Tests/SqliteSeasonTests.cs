namespace Cchc.Grains.Tests;

public sealed class SqliteSeasonTests(SqliteTarget target) : SeasonTests(target), IClassFixture<SqliteTarget>;
