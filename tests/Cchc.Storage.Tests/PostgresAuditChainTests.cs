namespace Cchc.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditChainTests(PostgresTarget target) : AuditChainContractTests(target);
