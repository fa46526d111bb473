namespace Cchc.Grains.Ranking;

/// <summary>A watcher fell behind the live ranking; it must subscribe again and will get a fresh snapshot.</summary>
public sealed class RankingResyncRequiredException : Exception
{
    public RankingResyncRequiredException()
        : this("The watcher fell behind the live ranking; subscribe again for a fresh snapshot.")
    {
    }

    public RankingResyncRequiredException(string message)
        : base(message)
    {
    }

    public RankingResyncRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RankingResyncRequiredException(long droppedVersion)
        : this($"The watcher fell behind the live ranking at version {droppedVersion}; subscribe again for a fresh snapshot.")
    {
        DroppedVersion = droppedVersion;
    }

    public long DroppedVersion { get; }
}
