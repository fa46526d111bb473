using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Cchc.Api.V1;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>
/// A write load as a careful client makes it: one writer per commune, each sending single-item self-assessments of item
/// 1.1 one after another, each batch with its own idempotency key and a deadline, and a batch that fails sent again with
/// the same key (after a short pause) until it is acknowledged. Every outcome is counted by status; every acknowledged
/// key is kept, so a test can look for each one in the database afterwards.
/// </summary>
internal sealed class WriteLoad
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    private readonly ApiClient _client;
    private readonly TestTokens _tokens;
    private readonly TinyProvince _province;
    private readonly TimeSpan _deadline;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<string> _acknowledgedKeys = new();
    private readonly ConcurrentDictionary<StatusCode, Failure> _failures = new();
    private readonly ConcurrentDictionary<string, int> _lastAcknowledged = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TimeSpan> _acknowledgedAt = new();
    private readonly ConcurrentDictionary<string, StatusCode> _messages = new(StringComparer.Ordinal);
    private Task[] _writers = [];

    public WriteLoad(RunningServer server, TinyProvince province, TimeSpan deadline)
    {
        _client = server.Shared;
        _tokens = server.Tokens;
        _province = province;
        _deadline = deadline;
    }

    /// <summary>Time since the load was made: the clock of <see cref="AcknowledgedSince"/>.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public int Acknowledged => _acknowledgedAt.Count;

    public IReadOnlyCollection<string> AcknowledgedKeys => _acknowledgedKeys;

    /// <summary>The last acknowledged generation of each commune's item 1.1 (its points are the generation in hundredths, mod 300).</summary>
    public IReadOnlyDictionary<string, int> LastAcknowledged => _lastAcknowledged;

    /// <summary>Failed attempts by status, with the longest time one took and the first message.</summary>
    public IReadOnlyDictionary<StatusCode, Failure> Failures => _failures;

    /// <summary>Every distinct failure message (the first 100) with its status: each must tell the caller what to do.</summary>
    public IReadOnlyDictionary<string, StatusCode> Messages => _messages;

    public int FailedAttempts => _failures.Values.Sum(f => f.Count);

    /// <summary>Acknowledgements and failures by status, for a test's failure message.</summary>
    public string Summary =>
        $"{Acknowledged} acknowledged; " + string.Join("; ", _failures.Select(f => $"{f.Key} x{f.Value.Count} (longest {f.Value.Longest.TotalMilliseconds:0} ms): {f.Value.FirstMessage}"));

    /// <summary>The points a generation writes: distinct for 300 generations in a row, so every write changes the item.</summary>
    public static string Points(int generation) => ((generation % 300) / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Acknowledgements that came after <paramref name="moment"/> (on <see cref="Now"/>'s clock).</summary>
    public int AcknowledgedSince(TimeSpan moment) => _acknowledgedAt.Count(t => t > moment);

    /// <summary>The first acknowledgement after <paramref name="moment"/>, or null.</summary>
    public TimeSpan? FirstAcknowledgedAfter(TimeSpan moment) => _acknowledgedAt.Where(t => t > moment).Order().Cast<TimeSpan?>().FirstOrDefault();

    public void Start() => _writers = [.. _province.Communes.Select(c => Task.Run(() => WriteAsync(c)))];

    /// <summary>Stops the writers once each has its batch in hand acknowledged (a failing one keeps resending it until then).</summary>
    public async Task StopAsync(TimeSpan patience)
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_writers).WaitAsync(patience);
    }

    private async Task WriteAsync(string commune)
    {
        var caller = _tokens.As(TestTokens.CommuneOfficer(_province.Province, commune));
        for (var generation = 1; !_stop.IsCancellationRequested; generation++)
        {
            var key = $"{commune}-{generation}";
            var request = _province.SelfAssessment(commune, decimal.Parse(Points(generation), CultureInfo.InvariantCulture), key);
            while (true)
            {
                var started = _clock.Elapsed;
                try
                {
                    await _client.Scoring.SubmitScoresAsync(request, caller.WithDeadline(DateTime.UtcNow + _deadline)).ResponseAsync;
                    _acknowledgedKeys.Enqueue(key);
                    _lastAcknowledged[commune] = generation;
                    _acknowledgedAt.Enqueue(_clock.Elapsed);
                    break;
                }
                catch (RpcException e)
                {
                    var took = _clock.Elapsed - started;
                    if (_messages.Count < 100)
                    {
                        _messages.TryAdd(e.Status.Detail, e.StatusCode);
                    }

                    _failures.AddOrUpdate(e.StatusCode, _ => new Failure(1, took, e.Status.Detail),
                        (_, f) => f with { Count = f.Count + 1, Longest = took > f.Longest ? took : f.Longest });
                    await Task.Delay(Pause);
                }
            }
        }
    }

    public sealed record Failure(int Count, TimeSpan Longest, string FirstMessage);
}
