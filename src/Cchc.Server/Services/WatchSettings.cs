namespace Cchc.Server.Services;

/// <summary>What live watches need from the host: its stopping signal, which ends them with UNAVAILABLE, and the bound on snapshots being written.</summary>
internal sealed record WatchSettings(CancellationToken ServerStopping, SnapshotWrites Snapshots);
