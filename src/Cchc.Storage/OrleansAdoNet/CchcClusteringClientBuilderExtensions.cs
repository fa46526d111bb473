using Orleans.Hosting;

namespace Cchc.Storage.OrleansAdoNet;

/// <summary>An external Orleans client that finds the cluster's gateways in the project's PostgreSQL database.</summary>
public static class CchcClusteringClientBuilderExtensions
{
    /// <summary>
    /// Reads the active gateways of the client's ClusterId from the membership table. The silos create and migrate
    /// the schema; a client never changes it.
    /// </summary>
    public static IClientBuilder UseCchcClustering(this IClientBuilder builder, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connection = CchcClusteringSiloBuilderExtensions.PostgresOnly(options, "clustering", "UseLocalhostClustering()");
        return builder.UseAdoNetClustering(clustering =>
        {
            clustering.Invariant = connection.Invariant;
            clustering.ConnectionString = connection.ConnectionString;
        });
    }
}
