using System.CommandLine;

namespace TestDataAgent.Cli;

/// <summary>
/// The <c>testdata</c> command line. Data goes to <c>stdout</c> (or the <c>-o</c> file) and nothing else does; errors go
/// to <c>stderr</c> and the exit code says which kind (<see cref="ExitCodes"/>).
/// </summary>
public static class CliApp
{
    /// <summary>Runs one command line against the given streams and returns its exit code.</summary>
    public static Task<int> RunAsync(string[] args, Stream stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, stdout, stderr, stderrIsTerminal: false, cancellationToken);

    /// <summary>
    /// Runs one command line; <paramref name="stderrIsTerminal"/> says whether <paramref name="stderr"/> is a terminal,
    /// where a progress bar is shown while data goes to a file.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, Stream stdout, TextWriter stderr, bool stderrIsTerminal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var console = new CliConsole(stdout, stderr, stderrIsTerminal);
        var root = new RootCommand("Test Data Agent: realistic test data, generated in this process or streamed from a deployed service")
        {
            GenerateCommand.Create(console),
            ValidateCommand.Create(console),
            DatasetCommand.Create(console),
            SchemasCommand.Create(stdout),
            McpCommand.Create(),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await stderr.WriteLineAsync($"testdata: {error.Message}");
            }

            return ExitCodes.InvalidInput;
        }

        using var stdoutText = new StreamWriter(stdout, leaveOpen: true) { AutoFlush = true };
        return await parse.InvokeAsync(new InvocationConfiguration { Output = stdoutText, Error = stderr }, cancellationToken);
    }
}
