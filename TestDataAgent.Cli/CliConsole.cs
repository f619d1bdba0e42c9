namespace TestDataAgent.Cli;

/// <summary>The streams a command writes to: data on <see cref="Stdout"/>, errors (and on a terminal, progress) on <see cref="Stderr"/>.</summary>
internal sealed record CliConsole(Stream Stdout, TextWriter Stderr, bool StderrIsTerminal);
