namespace Cchc.Cli.Demo;

/// <summary>What the demo runs on: the sample files, the province and year, the seed and the pace.</summary>
internal sealed record DemoSettings(string UnitsFile, string FrameworkFile, string Province, int Year, int Seed, int Speed);
