namespace Cchc.Grains;

/// <summary>
/// The database did not answer, or failed mid-write: the request may or may not have been stored (a score batch
/// carrying an idempotency key can be resent safely). The grain has already arranged to re-read its state, so the
/// next request works once the database is back. The API layer maps it to UNAVAILABLE.
/// </summary>
[GenerateSerializer]
[Alias("cchc.StorageUnavailableException")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
        : this("The database is unavailable; retry shortly.")
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
