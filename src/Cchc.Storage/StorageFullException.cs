namespace Cchc.Storage;

/// <summary>
/// The database's disk is full (SQLite SQLITE_FULL, PostgreSQL disk_full 53100): the write was rolled back, nothing
/// of it is stored, and it cannot succeed until space is freed on the database's volume.
/// </summary>
public sealed class StorageFullException : Exception
{
    public StorageFullException()
        : this("The database's disk is full; nothing was stored.")
    {
    }

    public StorageFullException(string message)
        : base(message)
    {
    }

    public StorageFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
