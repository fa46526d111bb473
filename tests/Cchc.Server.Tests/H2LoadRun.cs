using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf;

namespace Cchc.Server.Tests;

/// <summary>
/// One h2load process (nghttp2's HTTP/2 load generator, Debian's nghttp2-client) sending one gRPC unary request over its
/// connections at a fixed rate, open loop (--rps): a client in C that offers thousands of calls a second from a fraction
/// of a core, reads every answer as it comes, and never resets a stream, where a .NET client on the same core falls
/// behind its own timers. It sees HTTP statuses only (a gRPC status travels in trailers), so what became of its calls is
/// read from the server's side; <see cref="Errored"/> counts streams and connections the server broke.
/// </summary>
internal sealed partial class H2LoadRun : IDisposable
{
    private readonly Process _process;
    private readonly string _body;
    private readonly Task<string> _output;
    private readonly Task<string> _error;

    private H2LoadRun(Process process, string body)
    {
        _process = process;
        _body = body;
        _output = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    /// <summary>How long h2load took from its first request to its last answer.</summary>
    public TimeSpan Took { get; private set; }

    /// <summary>Requests h2load finished (an answer read to its end).</summary>
    public long Done { get; private set; }

    /// <summary>Requests that ended on a stream reset or a closed connection, or were never sent for one.</summary>
    public long Errored { get; private set; }

    /// <summary>Answers whose HTTP status was not 2xx (a gRPC server answers 200 whatever the call's status).</summary>
    public long NotOk { get; private set; }

    /// <summary>
    /// Starts h2load: <paramref name="count"/> POSTs in all of <paramref name="message"/> (gRPC-framed) to
    /// <paramref name="method"/>, at <paramref name="perSecond"/> on each of <paramref name="connections"/>, each with the
    /// given grpc-timeout and bearer token; at most 100 in flight on a connection, the streams Kestrel allows.
    /// </summary>
    public static H2LoadRun Start(Uri address, string method, IMessage message, string token, TimeSpan deadline, int connections, int perSecond, int count)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(message);
        var payload = message.ToByteArray();
        var framed = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(framed, 5);
        var body = Path.GetTempFileName();
        File.WriteAllBytes(body, framed);
        // --rps paces each connection; a call finds no stream while the server's 100 are taken.
        var start = new ProcessStartInfo("h2load")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "-c", connections.ToString(CultureInfo.InvariantCulture), "-t", "1", "-m", "100", "--rps", perSecond.ToString(CultureInfo.InvariantCulture),
                "-n", count.ToString(CultureInfo.InvariantCulture), "--data", body,
                "-H", "content-type: application/grpc", "-H", "te: trailers",
                "-H", $"grpc-timeout: {(long)deadline.TotalMilliseconds}m", "-H", $"authorization: Bearer {token}",
                new Uri(address, method).ToString(),
            },
        };
        try
        {
            return new H2LoadRun(Process.Start(start)!, body);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            File.Delete(body);
            throw new InvalidOperationException("h2load is not installed (Debian's nghttp2-client; tests/run.sh installs it).", e);
        }
    }

    /// <summary>Waits for h2load to send everything and read every answer, and reads its counts.</summary>
    public async Task WaitAsync()
    {
        await _process.WaitForExitAsync();
        var output = await _output;
        Assert.True(_process.ExitCode == 0, $"h2load exited with {_process.ExitCode}: {output} {await _error}");
        var requests = RequestsLine().Match(output);
        var statuses = StatusLine().Match(output);
        var finished = FinishedLine().Match(output);
        Assert.True(requests.Success && statuses.Success && finished.Success, $"h2load printed no request counts: {output}");
        var took = double.Parse(finished.Groups["took"].Value, CultureInfo.InvariantCulture);
        Took = finished.Groups["unit"].Value == "ms" ? TimeSpan.FromMilliseconds(took) : TimeSpan.FromSeconds(took);
        Done = Count(requests, "done");
        Errored = Count(requests, "errored") + Count(requests, "total") - Count(requests, "started");
        NotOk = Count(statuses, "x3") + Count(statuses, "x4") + Count(statuses, "x5");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
        File.Delete(_body);
    }

    private static long Count(Match match, string group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    // "requests: 150000 total, 150000 started, 150000 done, 150000 succeeded, 0 failed, 0 errored, 0 timeout"
    [GeneratedRegex(@"requests: (?<total>\d+) total, (?<started>\d+) started, (?<done>\d+) done, \d+ succeeded, \d+ failed, (?<errored>\d+) errored")]
    private static partial Regex RequestsLine();

    // "finished in 30.01s, 4999.83 req/s, 1.23MB/s"
    [GeneratedRegex(@"finished in (?<took>[\d.]+)(?<unit>ms|s),")]
    private static partial Regex FinishedLine();

    // "status codes: 150000 2xx, 0 3xx, 0 4xx, 0 5xx"
    [GeneratedRegex(@"status codes: \d+ 2xx, (?<x3>\d+) 3xx, (?<x4>\d+) 4xx, (?<x5>\d+) 5xx")]
    private static partial Regex StatusLine();
}
