namespace Cchc.Observability.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class Repo
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CchcGrpc.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("The tests run inside the repository; CchcGrpc.sln was not found above them.");
        }
    }

    public static string DeployPrometheus => Path.Combine(Root, "deploy", "prometheus");
}
