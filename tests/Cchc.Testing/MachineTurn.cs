namespace Cchc.Testing;

/// <summary>
/// A turn on the whole machine for a test that loads its cores on purpose (the overload test keeps a core busy refusing
/// thousands of calls a second) or whose time limits another such test would break (the cluster's restart and
/// failover limits). dotnet test runs test projects in processes of their own, side by side, so the turn is an
/// exclusive lock on one file in the temp directory, which .NET takes with flock on Linux: the holders of a turn run one
/// after another, whichever projects they are in, and a process that dies gives its turn back with its file handles.
/// </summary>
public sealed class MachineTurn : IDisposable
{
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "cchc-tests-machine-turn.lock");
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(100);

    private readonly FileStream _lock;

    private MachineTurn(FileStream held, TimeSpan waited)
    {
        _lock = held;
        Waited = waited;
    }

    /// <summary>How long the test waited for its turn.</summary>
    public TimeSpan Waited { get; }

    /// <summary>Waits until no other test holds a turn, then holds one until disposed.</summary>
    public static async Task<MachineTurn> TakeAsync(TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        timeProvider ??= TimeProvider.System;
        var started = timeProvider.GetTimestamp();
        while (true)
        {
            try
            {
                var held = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new MachineTurn(held, timeProvider.GetElapsedTime(started));
            }
            catch (IOException)
            {
                // Another process holds it; flock offers no wait that an async test can await, so ask again shortly.
                await Task.Delay(Retry, timeProvider, cancellationToken);
            }
        }
    }

    public void Dispose() => _lock.Dispose();
}
