namespace Cchc.Server.Tests;

/// <summary>Where the repository, the shared data and the built server are.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CchcGrpc.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CchcGrpc.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>../shared/data beside the repository.</summary>
    public static string SharedData(string file)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data", file));
        return File.Exists(path) ? path : throw new FileNotFoundException($"The shared data file {path} is missing; the tests import real units from it.", path);
    }

    /// <summary>The built server, copied next to this test assembly by the project reference.</summary>
    public static string ServerDll() => Path.Combine(AppContext.BaseDirectory, "cchc-server.dll");
}
