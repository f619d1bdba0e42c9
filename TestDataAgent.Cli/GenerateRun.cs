using Grpc.Core;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Cli;

/// <summary>
/// Runs one <c>generate</c>: the chunks of a source into stdout or a file (opened at the first chunk, so a refused
/// request leaves no file), the progress bar on a terminal when the data goes to a file, and every failure as a stderr
/// line and an exit code.
/// </summary>
internal static class GenerateRun
{
    public static async Task<int> RunAsync(CliConsole console, FileInfo? file, Func<Task<(IChunkSource Source, GenerationRequestInput Input)>> prepare, CancellationToken cancellationToken)
    {
        var stderr = console.Stderr;
        try
        {
            var (source, input) = await prepare();
            var format = (DataFormat)input.OutputFormat;
            if (file is not null && console.StderrIsTerminal)
            {
                // When every scenario has a count their sum is the total, as the service decides (docs/generation.md#scenarios).
                var counted = input.Scenarios.Sum(s => (long)s.Count);
                var total = input.Scenarios.Count > 0 && input.Scenarios.All(s => s.Count > 0) ? counted : Math.Max(input.Count, counted);
                return await ProgressDisplay.RunAsync(stderr, total, report => CopyAsync(console, source, file, format, report, cancellationToken));
            }

            return await CopyAsync(console, source, file, format, _ => { }, cancellationToken);
        }
        catch (InvalidRequestException ex)
        {
            await stderr.WriteLineAsync($"testdata: invalid {ex.Field}: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (RpcException ex)
        {
            return await ServerOptions.ReportAsync(ex, stderr);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"testdata: cannot write the output: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    private static async Task<int> CopyAsync(CliConsole console, IChunkSource source, FileInfo? file, DataFormat format, Action<long> report, CancellationToken cancellationToken)
    {
        var counter = new RecordCounter(format);
        string? writeFailure = null;
        string? failure;
        var output = file is null
            ? new ChunkOutput(() => console.Stdout, ownsStream: false, format)
            : new ChunkOutput(() => new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1, useAsync: true), ownsStream: true, format);
        await using (output)
        {
            failure = await source.StreamAsync(async data =>
            {
                try
                {
                    await output.WriteAsync(data, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The embedded pipeline ends the stream with its own (internal) error chunk; the cause is said here.
                    writeFailure = ex.Message;
                    throw;
                }

                counter.Add(data.Span);
                report(counter.Records);
            }, cancellationToken);
            if (failure is null)
            {
                await output.CompleteAsync(cancellationToken);
            }
        }

        if (writeFailure is not null)
        {
            await console.Stderr.WriteLineAsync($"testdata: cannot write the output: {writeFailure}");
            return ExitCodes.Failure;
        }

        if (failure is not null)
        {
            await console.Stderr.WriteLineAsync($"testdata: generation failed: {failure}");
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }
}
