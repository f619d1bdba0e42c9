extern alias AppHostAssembly;

using AppHostAssembly::TestDataAgent.AppHost;

namespace TestDataAgent.Tests.AppHost;

/// <summary>
/// Every AppHost that starts a local PostgreSQL first removes the cluster directories earlier runs left behind. Tests
/// start several AppHosts at once, so it must never take the directory of one that still runs: before initdb has
/// finished there is no <c>postmaster.pid</c> yet, and removing the directory then left that AppHost's database
/// waiting for ever (the full suite's hosting test failed so).
/// </summary>
public sealed class LocalPostgresDirectoryTests
{
    [Fact]
    public void ADirectoryOfALiveAppHostIsKeptBeforeItsPostgresHasStartedAndOneOfAnExitedAppHostIsRemoved()
    {
        var live = MakeDirectory();
        var exited = MakeDirectory();
        try
        {
            PostgresResourceExtensions.MarkOwner(live);
            File.WriteAllText(Path.Combine(exited, PostgresResourceExtensions.OwnerFile), ExitedProcessId().ToString(System.Globalization.CultureInfo.InvariantCulture));

            PostgresResourceExtensions.RemoveStoppedClusters();

            Assert.True(Directory.Exists(live), "the directory of a running AppHost was removed before its postgres started");
            Assert.Equal(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(live, PostgresResourceExtensions.OwnerFile)));
            Assert.False(Directory.Exists(exited), "the directory of an AppHost that has exited, with no postgres running, was kept");
        }
        finally
        {
            foreach (var directory in new[] { live, exited }.Where(Directory.Exists))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public void ADirectoryWithoutAnOwnerIsKeptWhileItIsNew()
    {
        var unowned = MakeDirectory();
        try
        {
            PostgresResourceExtensions.RemoveStoppedClusters();

            Assert.True(Directory.Exists(unowned), "a directory made a moment ago, its owner file not yet written, was removed");
        }
        finally
        {
            Directory.Delete(unowned, recursive: true);
        }
    }

    private static string MakeDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"{PostgresResourceExtensions.DirectoryPrefix}test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    // A process that has run and exited: its ID names no live process (barring reuse within the test).
    private static int ExitedProcessId()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
