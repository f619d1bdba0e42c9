namespace TestDataAgent.Benchmarks.Load;

/// <summary>This process's resident memory, from <c>/proc/self/status</c> (Linux only; 0 elsewhere).</summary>
internal static class ProcessMemory
{
    private const string StatusPath = "/proc/self/status";

    /// <summary>Resident set size now, in bytes.</summary>
    public static long ResidentBytes() => Read("VmRSS:");

    /// <summary>Peak resident set size since start (or since <see cref="TryResetPeak"/>), in bytes.</summary>
    public static long PeakResidentBytes() => Read("VmHWM:");

    /// <summary>
    /// Resets the peak (<c>VmHWM</c>) to the current RSS, so a measurement's peak is not the start-up's (Linux 4.0+).
    /// </summary>
    public static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The load average line of <c>/proc/loadavg</c>, to tell a quiet machine from a busy one.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    private static long Read(string key)
    {
        try
        {
            foreach (var line in File.ReadLines(StatusPath))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    // "VmRSS:	  123456 kB"
                    var digits = line.AsSpan(key.Length).Trim().TrimEnd("kB").Trim();
                    return long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        return 0;
    }
}
