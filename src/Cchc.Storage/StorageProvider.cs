namespace Cchc.Storage;

/// <summary>Which database holds grain state and the audit log.</summary>
public enum StorageProvider
{
    /// <summary>An embedded SQLite file (<c>cchc.db</c>) in a data directory: the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database reached by connection string.</summary>
    PostgreSql,
}
