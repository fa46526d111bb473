using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;

namespace Cchc.Server.Tests;

/// <summary>Asks grpc.health.v1 for the whole server's status until it is the one wanted.</summary>
internal static class HealthPolling
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>How long it took for health to report <paramref name="wanted"/>; fails the test after <paramref name="patience"/>.</summary>
    public static async Task<TimeSpan> UntilAsync(ApiClient client, HealthCheckResponse.Types.ServingStatus wanted, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(Interval);
        var last = "no answer";
        while (clock.Elapsed < patience)
        {
            try
            {
                var status = (await client.Health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5))).Status;
                if (status == wanted)
                {
                    return clock.Elapsed;
                }

                last = status.ToString();
            }
            catch (RpcException e)
            {
                last = $"{e.StatusCode}: {e.Status.Detail}";
            }

            await timer.WaitForNextTickAsync();
        }

        Assert.Fail($"Health did not report {wanted} within {patience.TotalSeconds:0} s; last answer: {last}.");
        return clock.Elapsed;
    }
}
