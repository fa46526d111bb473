namespace Cchc.LoadGen.Capacity;

/// <summary>
/// The fan-out a country-wide publication day asks for: watchers and writes both spread over the provinces in
/// proportion to their communes, every watcher on its province's overall ranking, and every accepted write
/// (one commune's batch) delivered once to each watcher of that commune's province.
/// </summary>
internal static class PublicationDay
{
    /// <summary>
    /// Deliveries per second: Σ over provinces of (writes/s to the province) × (its watchers)
    /// = writes/s × watchers × Σ share², each share being the province's communes over the country's.
    /// </summary>
    public static double DeliveriesPerSecond(IReadOnlyCollection<int> communesPerProvince, double watchers, double writesPerSecond)
    {
        ArgumentNullException.ThrowIfNull(communesPerProvince);
        double total = communesPerProvince.Sum();
        if (total <= 0)
        {
            throw new ArgumentException("The provinces have no communes.", nameof(communesPerProvince));
        }

        return communesPerProvince.Sum(n => writesPerSecond * (n / total) * watchers * (n / total));
    }

    /// <summary>Writes per second when every commune's appraisable items are each re-scored once within <paramref name="window"/>.</summary>
    public static double WritesPerSecond(int communes, int itemsPerCommune, TimeSpan window) =>
        communes * (double)itemsPerCommune / window.TotalSeconds;
}
