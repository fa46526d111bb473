namespace Cchc.Storage;

/// <summary>
/// The group-commit writer already has <see cref="StorageOptions.MaxQueuedAppends"/> appends waiting: this append was
/// refused before it was queued, so nothing of it was written. Retry in a moment.
/// </summary>
public sealed class StorageBusyException : Exception
{
    public StorageBusyException()
        : this("The storage is busy; nothing was written. Retry in a moment.")
    {
    }

    public StorageBusyException(string message)
        : base(message)
    {
    }

    public StorageBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StorageBusyException(int queued)
        : this($"The storage already has {queued} writes waiting, its maximum; nothing was written. Retry in a moment.")
    {
    }
}
