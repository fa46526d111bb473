using Xunit.Abstractions;

namespace Cchc.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresCrashTests(PostgresTarget target, ITestOutputHelper output) : CrashTests(target, output);
