namespace Cchc.Testing;

/// <summary>Where the repository and the shared data beside it are, found from the running test assembly.</summary>
public static class RepositoryFiles
{
    public static string Root()
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

    /// <summary>A file of the repository, e.g. "deploy/samples/framework-hai-duong-2022.json"; missing is an error.</summary>
    public static string InRepository(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(Root(), relative));
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing from the repository.", path);
    }

    /// <summary>A file of ../shared/data beside the repository (the national unit lists); missing is an error.</summary>
    public static string SharedData(string file)
    {
        var path = Path.GetFullPath(Path.Combine(Root(), "..", "shared", "data", file));
        return File.Exists(path) ? path : throw new FileNotFoundException($"The shared data file {path} is missing; the tests import real units from it.", path);
    }
}
