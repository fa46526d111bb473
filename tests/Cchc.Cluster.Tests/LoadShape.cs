namespace Cchc.Cluster.Tests;

/// <summary>
/// A steady appraisal load: <paramref name="PerSecond"/> writes started each second (at most
/// <paramref name="MaxInFlight"/> unanswered at once), spread over provinces by weight; each call ends within
/// <paramref name="CallDeadline"/>, and a write still refused after <paramref name="GiveUpAfter"/> is given up.
/// </summary>
internal sealed record LoadShape(double PerSecond, int MaxInFlight, IReadOnlyList<(string Province, int Weight)> Mix, TimeSpan CallDeadline, TimeSpan GiveUpAfter);
