using System.Diagnostics;
using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace Cchc.LoadGen.Capacity;

/// <summary>
/// Makes a running server do a full blocking garbage collection from outside, the way dotnet-gcdump does: an
/// EventPipe session over the runtime's diagnostics socket enabling the runtime provider's GCHeapCollect keyword at
/// level Informational makes the runtime induce a blocking generation-2 collection. Done is checked, not assumed:
/// the server's own count of generation-2 collections (/metrics) must have grown.
/// </summary>
internal sealed class ForcedGc(int pid, HttpClient http, Uri metrics)
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    /// <summary>
    /// Two induced full collections (objects with finalizers survive the first), a short pause so the scrape is not
    /// racing the last one, then a scrape.
    /// </summary>
    /// <exception cref="BenchException">The server did not collect within 30 s of a request.</exception>
    public async Task<MetricsSnapshot> CollectAndReadAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < 2; i++)
        {
            await CollectOnceAsync(cancellationToken);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        return await MetricsSnapshot.ReadAsync(http, metrics, cancellationToken);
    }

    private async Task CollectOnceAsync(CancellationToken cancellationToken)
    {
        var before = (await MetricsSnapshot.ReadAsync(http, metrics, cancellationToken)).FullCollections;
        var client = new DiagnosticsClient(pid);
        EventPipeProvider[] providers = [new(RuntimeProvider, EventLevel.Informational, GcKeyword | GcHeapCollectKeyword)];
        using var session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 16, cancellationToken);

        // The session's events must be read, or the runtime's buffer fills; nothing in them is needed.
        var drain = session.EventStream.CopyToAsync(Stream.Null, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        try
        {
            while ((await MetricsSnapshot.ReadAsync(http, metrics, cancellationToken)).FullCollections <= before)
            {
                if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
                {
                    throw new BenchException($"The server (pid {pid}) did no full GC within 30 s of the EventPipe GCHeapCollect request.");
                }

                await Task.Delay(100, cancellationToken);
            }
        }
        finally
        {
            await session.StopAsync(cancellationToken);
            try
            {
                await drain;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The runtime closes the stream as the session stops.
            }
        }
    }
}
