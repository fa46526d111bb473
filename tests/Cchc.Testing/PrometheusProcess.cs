using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cchc.Testing;

/// <summary>
/// A real Prometheus server on a free loopback port, with its own temp directory for config and TSDB, scraping
/// one target every second. Waiting on it is polling an outside process with a deadline, never a fixed sleep.
/// </summary>
public sealed class PrometheusProcess : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly Process _process;
    private readonly string _root;
    private readonly StringBuilder _log;
    private readonly HttpClient _http;

    private PrometheusProcess(Process process, string root, StringBuilder log, Uri address)
    {
        _process = process;
        _root = root;
        _log = log;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public static async Task<PrometheusProcess> StartAsync(int targetPort)
    {
        var binary = PrometheusTools.Prometheus;
        var root = Directory.CreateTempSubdirectory("cchc-prom-").FullName;
        var config = Path.Combine(root, "prometheus.yml");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: cchc
                static_configs:
                  - targets: ["127.0.0.1:{targetPort}"]
            """));
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var arg in new[]
        {
            $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(root, "data")}",
            string.Create(CultureInfo.InvariantCulture, $"--web.listen-address=127.0.0.1:{port}"), "--log.level=warn",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var log = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var prometheus = new PrometheusProcess(process, root, log, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await prometheus.PollAsync(() => "ready", async () =>
            {
                using var response = await prometheus._http.GetAsync("-/ready");
                return response.IsSuccessStatusCode;
            });
            return prometheus;
        }
        catch
        {
            await prometheus.DisposeAsync();
            throw;
        }
    }

    /// <summary>Queries until the instant vector has one sample equal to <paramref name="expected"/>; returns it.</summary>
    public async Task<double> WaitForValueAsync(string query, double expected)
    {
        var last = "";
        double value = double.NaN;
        await PollAsync(() => $"{query} == {expected} (last answer: {last})", async () =>
        {
            last = await _http.GetStringAsync("api/v1/query?query=" + Uri.EscapeDataString(query));
            using var json = JsonDocument.Parse(last);
            var result = json.RootElement.GetProperty("data").GetProperty("result");
            if (result.GetArrayLength() != 1)
            {
                return false;
            }

            value = double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
            return value == expected;
        });
        return value;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private async Task PollAsync(Func<string> what, Func<Task<bool>> attempt)
    {
        var deadline = Stopwatch.StartNew();
        Exception? lastError = null;
        while (deadline.Elapsed < Deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {_process.ExitCode} waiting for {what()}:\n{Log}");
            }

            try
            {
                if (await attempt())
                {
                    return;
                }
            }
            catch (HttpRequestException exception)
            {
                lastError = exception;
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException($"prometheus did not show {what()} within {Deadline.TotalSeconds} s ({lastError?.Message}):\n{Log}");
    }

    private string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}
