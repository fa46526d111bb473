namespace Cchc.Grains.Tests;

public sealed class PostgresSeasonTests(PostgresTarget target) : SeasonTests(target), IClassFixture<PostgresTarget>;
