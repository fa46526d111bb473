using System.Diagnostics;

namespace Cchc.Server.Tests;

/// <summary>
/// LibreOffice Calc from Debian (libreoffice-calc-nogui), headless: converts a workbook the way a council's spreadsheet
/// program opens it. Each conversion gets its own user profile so parallel runs do not share (and lock) one.
/// </summary>
internal static class LibreOffice
{
    /// <summary>Converts each file to flat OpenDocument (.fods) in <paramref name="outputDirectory"/>; returns the converted paths.</summary>
    public static async Task<IReadOnlyList<string>> ToFodsAsync(IReadOnlyList<string> files, string outputDirectory)
    {
        var profile = Path.Combine(Path.GetTempPath(), "cchc-lo-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("soffice")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { $"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", "fods", "--outdir", outputDirectory }.Concat(files))
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("soffice did not start; install libreoffice-calc-nogui.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("soffice did not convert within 3 minutes: " + await error);
            }

            var converted = files.Select(f => Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(f) + ".fods")).ToList();
            var missing = converted.Where(f => !File.Exists(f)).ToList();
            return process.ExitCode == 0 && missing.Count == 0
                ? converted
                : throw new InvalidOperationException($"soffice exited {process.ExitCode} without {string.Join(", ", missing)}: {await output} {await error}");
        }
        finally
        {
            if (Directory.Exists(profile))
            {
                Directory.Delete(profile, recursive: true);
            }
        }
    }
}
