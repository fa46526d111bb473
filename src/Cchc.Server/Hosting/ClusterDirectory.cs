using Orleans.Configuration;
using Orleans.Hosting;

namespace Cchc.Server.Hosting;

/// <summary>
/// Where a cluster finds each grain. Orleans' default directory is eventually consistent: when a silo dies, the entries
/// it held are gone, and for a moment a surviving silo may activate a commune a second time while the first activation,
/// on another survivor, still takes writes. The second then serves scores without them (seen as an acknowledged
/// appraisal read back as "stored nothing" after a SIGKILL, about one CI run in five). The distributed directory
/// rebuilds a dead silo's ranges from the survivors' activations before it registers anything new, so a grain has one
/// activation in the cluster.
/// </summary>
internal static class ClusterDirectory
{
    public static void Configure(ISiloBuilder silo)
    {
        // Experimental in Orleans 10 (ORLEANSEXP003); it is the directory Orleans offers for one activation per grain.
#pragma warning disable ORLEANSEXP003
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003

        // Without this, the grains of a silo declared dead may not activate again until 30 s after its estimated failure
        // (the lease waits out a silo that is declared dead but still running): with 1 s probes, about 21 s after a
        // SIGKILL, against the 5 s a province's desk may wait. Such a silo stops itself when it reads its own death
        // (the table is read every 5 s), and meanwhile storage refuses its writes on stale versions.
        silo.Configure<GrainDirectoryOptions>(directory => directory.RangeLeaseDuration = TimeSpan.Zero);
    }
}
