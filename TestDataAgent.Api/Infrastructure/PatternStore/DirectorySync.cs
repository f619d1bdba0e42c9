using System.Runtime.InteropServices;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>
/// Flushes a directory's entries to the disk, so a file created or renamed in it survives a power loss. .NET has no API
/// for it (it refuses to open a directory as a file), so on Linux and macOS this opens the directory and calls
/// <c>fsync</c> through libc. On Windows the file system journals renames and there is nothing to open; it does nothing.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0;

    // errno values for which a directory cannot be synced on some file systems: nothing more can be done, and the file's own data is synced.
    private const int InvalidArgument = 22;
    private const int NotSupported = 95;

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var path = Marshal.StringToCoTaskMemUTF8(directory);
        try
        {
            var descriptor = Open(path, ReadOnly);
            if (descriptor < 0)
            {
                throw Failure("open", directory);
            }

            try
            {
                if (Fsync(descriptor) != 0 && Marshal.GetLastPInvokeError() is not (InvalidArgument or NotSupported))
                {
                    throw Failure("fsync", directory);
                }
            }
            finally
            {
                _ = Close(descriptor);
            }
        }
        finally
        {
            Marshal.FreeCoTaskMem(path);
        }
    }

    private static IOException Failure(string call, string directory)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call} of the directory '{directory}' failed: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
    }

    // DllImport, not LibraryImport: the generated marshalling would need unsafe code, and these signatures are blittable.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(IntPtr path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int descriptor);
}
