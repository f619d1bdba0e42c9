using System.Globalization;

namespace TestDataAgent.Tests.Cli;

/// <summary>
/// A large CSV in constant memory: the CLI's peak resident set (the kernel's own figure, by <c>/usr/bin/time</c>) is
/// about the same for 20,000 and 200,000 rows. The million-row run takes minutes on a loaded machine, so the suite checks
/// ten times the rows instead; docs/cli.md gives the command and figures for a million.
/// </summary>
public sealed class CliMemoryTests
{
    // Ten times the rows may cost the runtime's heap sizing a little, never the output's size (200,000 rows are ~90 MB).
    private const long AllowedGrowthKb = 24 * 1024;

    [Fact]
    public async Task PeakMemoryDoesNotGrowWithTheRowsWritten()
    {
        var small = await PeakKbAsync(20_000);
        var large = await PeakKbAsync(200_000);

        Assert.True(large - small < AllowedGrowthKb, $"peak {small:N0} KB for 20,000 rows, {large:N0} KB for 200,000");
    }

    private static async Task<long> PeakKbAsync(int rows)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"cli-memory-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            var csv = Path.Combine(directory, "users.csv");
            var peak = Path.Combine(directory, "peak");
            var run = await CliProcess.RunAsync("/usr/bin/time", "-f", "%M", "-o", peak,
                "dotnet", "exec", CliProcess.Dll, "generate", "user", "-n", rows.ToString(CultureInfo.InvariantCulture), "-f", "csv", "-o", csv, "--seed", "1");

            Assert.Equal(0, run.ExitCode);
            Assert.Equal(rows + 1, File.ReadLines(csv).Count());
            return long.Parse((await File.ReadAllTextAsync(peak)).Trim(), CultureInfo.InvariantCulture);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
