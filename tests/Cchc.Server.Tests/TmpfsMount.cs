using System.Diagnostics;

namespace Cchc.Server.Tests;

/// <summary>
/// A small tmpfs mounted on a temp directory (mount needs root, as on this project's machines and CI): a volume that
/// really fills up. Unmounted and removed on dispose. Fails loudly when it cannot be mounted: a disk-full run is never
/// silently skipped.
/// </summary>
internal sealed class TmpfsMount : IAsyncDisposable
{
    private TmpfsMount(string directory) => Directory = directory;

    public string Directory { get; }

    public static async Task<TmpfsMount> MountAsync(int megabytes)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("cchc-full-").FullName;
        var (exit, output) = await RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", directory);
        if (exit != 0)
        {
            System.IO.Directory.Delete(directory);
            throw new InvalidOperationException(
                $"Cannot mount a {megabytes} MB tmpfs on {directory} (mount exited {exit}: {output.Trim()}); the disk-full test needs root " +
                $"(running as '{Environment.UserName}'). Run the tests as root, as CI does.");
        }

        return new TmpfsMount(directory);
    }

    /// <summary>Fills the volume's free space with a file, until the file system says it is full; returns the bytes written.</summary>
    public static long Fill(string file)
    {
        var chunk = new byte[64 * 1024];
        long written = 0;
        using var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        try
        {
            while (true)
            {
                stream.Write(chunk);
                written += chunk.Length;
            }
        }
        catch (IOException)
        {
            // ENOSPC: full. A partial last chunk may be in the page cache; flushing it fails the same way.
            try
            {
                stream.Flush();
            }
            catch (IOException)
            {
            }
        }

        return written;
    }

    public async ValueTask DisposeAsync()
    {
        var (exit, output) = await RunAsync("umount", Directory);
        if (exit != 0)
        {
            throw new InvalidOperationException($"umount {Directory} exited {exit}: {output.Trim()}");
        }

        System.IO.Directory.Delete(Directory);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stderr + await stdout);
    }
}
