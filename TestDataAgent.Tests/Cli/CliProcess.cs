using System.Diagnostics;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Cli;

/// <summary>
/// A program run as a child process (the <c>testdata</c> CLI through <c>dotnet exec</c>, or <c>script</c> around it for a
/// pseudo-terminal), its stdout and stderr kept, bounded by <see cref="Deadlines.SlowStartHang"/> (a hang, not a speed).
/// </summary>
internal sealed record CliProcess(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The CLI as the test build holds it.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "TestDataAgent.Cli.dll");

    /// <summary>A shell command line that runs the CLI with <paramref name="args"/> (each single-quoted).</summary>
    public static string ShellCommand(params string[] args) =>
        string.Join(' ', new[] { "dotnet", "exec", Dll }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    public static async Task<CliProcess> RunAsync(string fileName, params string[] args)
    {
        var start = new ProcessStartInfo(fileName, args)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("TESTDATA_API_KEY");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var hang = new CancellationTokenSource(Deadlines.SlowStartHang);
        try
        {
            await process.WaitForExitAsync(hang.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not end within {Deadlines.SlowStartHang}");
        }

        return new CliProcess(process.ExitCode, await stdout, await stderr);
    }
}
