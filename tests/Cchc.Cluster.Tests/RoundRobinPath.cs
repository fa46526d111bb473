using Cchc.Api.V1;

namespace Cchc.Cluster.Tests;

/// <summary>
/// Each call to the next server in turn, as a client holding one channel per server would; a refused write is sent
/// again to the next one (with the same idempotency key). A server the test killed can be left out of the turn.
/// </summary>
internal sealed class RoundRobinPath(IReadOnlyList<SiloClient> clients) : IWritePath
{
    private readonly Lock _lock = new();
    private readonly HashSet<SiloClient> _left = [];
    private int _turn;

    public bool ResendsRefusedWrites => true;

    public void Leave(SiloClient client)
    {
        lock (_lock)
        {
            _left.Add(client);
        }
    }

    public (string Server, ScoringService.ScoringServiceClient Scoring) Next()
    {
        lock (_lock)
        {
            var live = clients.Where(c => !_left.Contains(c)).ToList();
            var client = live[_turn++ % live.Count];
            return (client.Silo.Name, client.Scoring);
        }
    }
}
