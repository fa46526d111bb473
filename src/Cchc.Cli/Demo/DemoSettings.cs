namespace Cchc.Cli.Demo;

/// <summary>What the demo runs on: the sample files, the province and year, the seed and the pace.
/// <see cref="SigningKey"/>: the server's development key, to issue a token per role; null to use the one connection.</summary>
internal sealed record DemoSettings(string UnitsFile, string FrameworkFile, string Province, int Year, int Seed, int Speed, string? SigningKey = null);
