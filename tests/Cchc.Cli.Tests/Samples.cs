namespace Cchc.Cli.Tests;

/// <summary>The files of deploy/samples, copied next to the tests by the build.</summary>
internal static class Samples
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "samples");

    public static string Framework => Path.Combine(Directory, "framework-hai-duong-2022.json");

    public static string Units => Path.Combine(Directory, "units-hai-duong-tu-ky.json");

    public static string SelfScores => Path.Combine(Directory, "scores-self-11116-2022.csv");
}
