namespace Cchc.Storage.Tests;

public sealed class SqliteAuditChainTests(SqliteTarget target) : AuditChainContractTests(target), IClassFixture<SqliteTarget>;
