using System.Text;
using TestDataAgent.Cli;

namespace TestDataAgent.Tests.Cli;

/// <summary>One <c>testdata</c> command line run in process through its entry point, its stdout bytes and stderr text kept.</summary>
internal sealed record CliRun(int ExitCode, byte[] Stdout, string Stderr)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, stdout, stderr);
        return new CliRun(exitCode, stdout.ToArray(), stderr.ToString());
    }
}
