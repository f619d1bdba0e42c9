namespace TestDataAgent.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        await using var stdout = Console.OpenStandardOutput();
        return await CliApp.RunAsync(args, stdout, Console.Error, stderrIsTerminal: !Console.IsErrorRedirected, cancel.Token);
    }
}
