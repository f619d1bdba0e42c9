using System.Diagnostics;

namespace TestDataAgent.Tests.Infrastructure;

/// <summary>
/// A size-limited tmpfs mounted for one test, so a disk really fills up (ENOSPC); unmounted and removed with it.
/// Mounting needs Linux and root (CAP_SYS_ADMIN); <see cref="SmallFileSystemFactAttribute"/> skips where it is not allowed.
/// </summary>
public sealed class SmallFileSystem : IDisposable
{
    private static readonly Lazy<string?> s_whyNot = new(Probe);

    private SmallFileSystem(string path) => Path = path;

    /// <summary>Why a tmpfs cannot be mounted here, or null when it can.</summary>
    public static string? WhyNot => s_whyNot.Value;

    public string Path { get; }

    public static SmallFileSystem Mount(long bytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"tda-tmpfs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        if (Run("mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", path) is { } error)
        {
            Directory.Delete(path);
            throw new InvalidOperationException($"mount failed: {error}");
        }

        return new SmallFileSystem(path);
    }

    public void Dispose()
    {
        _ = Run("umount", Path);
        if (Directory.Exists(Path) && !Directory.EnumerateFileSystemEntries(Path).Any())
        {
            Directory.Delete(Path);
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "a size-limited tmpfs needs Linux";
        }

        try
        {
            using var probe = Mount(64 * 1024);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"mounting a tmpfs is not allowed here (it needs root with CAP_SYS_ADMIN): {ex.Message}";
        }
    }

    // Null when the command succeeded, else what it said.
    private static string? Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            return $"{command} did not finish within 30 s";
        }

        return process.ExitCode == 0 ? null : $"{command} exited with {process.ExitCode}: {error.Trim()}";
    }
}
