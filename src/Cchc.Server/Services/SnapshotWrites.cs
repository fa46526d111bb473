namespace Cchc.Server.Services;

/// <summary>
/// The watch snapshots this server writes at once. A snapshot is a whole ranking (about 50 KB for Thanh Hóa's 549
/// communes), and every stream's copy of it waits in Kestrel's pinned memory pool until HTTP/2 has sent it: 10,000
/// watchers starting together held 500 MB of pool blocks, which the pool then kept. A writer waits for a slot and holds
/// it until its snapshot is flushed, so at most <see cref="Capacity"/> copies wait in the server at once.
/// </summary>
/// <remarks>
/// Bound: <see cref="Capacity"/> snapshots in flight; the writers waiting for a slot are watches, at most
/// <see cref="Hosting.ServerOptions.MaxWatches"/>, and each stops waiting when its watch ends.
/// </remarks>
internal sealed class SnapshotWrites : IDisposable
{
    private readonly SemaphoreSlim _slots;

    public SnapshotWrites(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _slots = new SemaphoreSlim(capacity, capacity);
    }

    public int Capacity { get; }

    /// <summary>Slots free now.</summary>
    public int Free => _slots.CurrentCount;

    /// <summary>Waits for a slot; disposing the result gives it back (once, however often it is disposed).</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
