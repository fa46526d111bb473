using System.Globalization;

namespace Cchc.LoadGen.Measurement;

/// <summary>
/// Reads a process's CPU time and memory from /proc (Linux): no profiler is available offline, so the CPU
/// split between the load generator, the server and PostgreSQL is the first evidence of where time goes.
/// </summary>
internal static class ProcFs
{
    // USER_HZ: the unit of utime and stime in /proc/PID/stat; 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100.0;

    /// <summary>User + system CPU seconds the process has used, or 0 when it is gone.</summary>
    public static double CpuSeconds(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond;
    }

    /// <summary>The parent pid, or -1 when the process is gone.</summary>
    public static int ParentOf(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(text[(text.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>A kB figure of /proc/PID/status (VmRSS, VmHWM), in bytes; 0 when unknown.</summary>
    public static long StatusBytes(int pid, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(key + ":", StringComparison.Ordinal))
                {
                    var kb = line[(key.Length + 1)..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return 0;
    }

    /// <summary>The process and all its children (one level: PostgreSQL's backends are the postmaster's children).</summary>
    public static IReadOnlyList<int> WithChildren(int pid)
    {
        var pids = new List<int> { pid };
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var child) && ParentOf(child) == pid)
            {
                pids.Add(child);
            }
        }

        return pids;
    }

    public static double Load1()
    {
        var text = File.ReadAllText("/proc/loadavg");
        return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
