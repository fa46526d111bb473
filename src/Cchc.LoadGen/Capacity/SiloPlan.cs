namespace Cchc.LoadGen.Capacity;

/// <summary>
/// How many silos a load needs, from per-silo figures: each bound alone (watchers per silo, memory, fan-out
/// throughput) and the largest of them. Grains and watchers are taken as spread evenly over the silos (Orleans
/// places grains at random; clients are spread over the addresses they are given).
/// </summary>
/// <param name="ByWatcherLimit">⌈watchers ÷ the per-silo maximum of live watchers⌉.</param>
/// <param name="ByMemory">The fewest silos whose share of the grains and watchers, on top of an idle silo, fits the budget.</param>
/// <param name="ByFanout">⌈deliveries/s needed ÷ deliveries/s one silo carries⌉.</param>
internal sealed record SiloPlan(int ByWatcherLimit, int ByMemory, int ByFanout, long MemoryPerSiloBytes)
{
    public int Silos => Math.Max(ByWatcherLimit, Math.Max(ByMemory, ByFanout));

    /// <param name="watchers">Live watchers in the whole cluster.</param>
    /// <param name="maxWatchersPerSilo">The server's limit (MaxWatches).</param>
    /// <param name="idleSiloBytes">One silo with nothing active.</param>
    /// <param name="grainBytes">Every grain of the country active, in the whole cluster.</param>
    /// <param name="bytesPerWatcher">One live watcher on its silo.</param>
    /// <param name="memoryBudgetBytes">What one silo may use.</param>
    /// <param name="deliveriesNeeded">Deliveries per second the whole cluster must make.</param>
    /// <param name="deliveriesPerSilo">Deliveries per second one silo sustains.</param>
    public static SiloPlan For(long watchers, long maxWatchersPerSilo, long idleSiloBytes, long grainBytes, long bytesPerWatcher,
        long memoryBudgetBytes, double deliveriesNeeded, double deliveriesPerSilo)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWatchersPerSilo);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(deliveriesPerSilo);
        if (memoryBudgetBytes <= idleSiloBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(memoryBudgetBytes), "The budget does not even hold an idle silo.");
        }

        var byWatchers = (int)Math.Ceiling(watchers / (double)maxWatchersPerSilo);
        var byFanout = (int)Math.Ceiling(deliveriesNeeded / deliveriesPerSilo);

        // need(S) = idle + (grains + watchers × each) / S ≤ budget  ⇔  S ≥ (grains + watchers × each) / (budget − idle).
        var spread = grainBytes + (watchers * bytesPerWatcher);
        var byMemory = Math.Max(1, (int)Math.Ceiling(spread / (double)(memoryBudgetBytes - idleSiloBytes)));
        var silos = Math.Max(byWatchers, Math.Max(byMemory, byFanout));
        return new SiloPlan(byWatchers, byMemory, byFanout, idleSiloBytes + (long)Math.Ceiling(spread / (double)Math.Max(1, silos)));
    }
}
