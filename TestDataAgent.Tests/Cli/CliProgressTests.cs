namespace TestDataAgent.Tests.Cli;

/// <summary>
/// The progress bar: on a pseudo-terminal (util-linux <c>script</c>) while data goes to a file it shows records, records/s
/// and the ETA on stderr; with stderr on a pipe, or the data on a pipe, nothing but data is written.
/// </summary>
public sealed class CliProgressTests
{
    [Fact]
    public async Task AProgressBarWithRecordsSpeedAndEtaIsShownOnAPseudoTerminal()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cli-progress-{Guid.NewGuid():N}.csv");
        try
        {
            var run = await CliProcess.RunAsync("script", "-qfec", CliProcess.ShellCommand("generate", "user", "-n", "30000", "-f", "csv", "-o", path, "--seed", "1"), "/dev/null");

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("30,000/30,000 records", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("records/s", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("ETA", run.Stdout, StringComparison.Ordinal);
            Assert.Equal(30_001, File.ReadLines(path).Count());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task NoProgressIsWrittenWhenStderrIsAPipe()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cli-progress-{Guid.NewGuid():N}.csv");
        try
        {
            var run = await CliProcess.RunAsync("dotnet", "exec", CliProcess.Dll, "generate", "user", "-n", "30000", "-f", "csv", "-o", path, "--seed", "1");

            Assert.Equal(0, run.ExitCode);
            Assert.Equal("", run.Stderr);
            Assert.Equal("", run.Stdout);
            Assert.Equal(30_001, File.ReadLines(path).Count());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task DataPipedFromATerminalSessionHoldsNothingButDataAndNoProgressIsShown()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cli-progress-{Guid.NewGuid():N}.csv");
        try
        {
            var pipeline = CliProcess.ShellCommand("generate", "user", "-n", "3000", "-f", "csv", "--seed", "1") + " | cat > '" + path + "'";
            var run = await CliProcess.RunAsync("script", "-qfec", pipeline, "/dev/null");
            var direct = await CliRun.RunAsync("generate", "user", "-n", "3000", "-f", "csv", "--seed", "1");

            Assert.Equal(0, run.ExitCode);
            Assert.DoesNotContain("records", run.Stdout, StringComparison.Ordinal);
            Assert.Equal(direct.Stdout, await File.ReadAllBytesAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
