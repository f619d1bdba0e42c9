using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Generators.Datasets;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Cli;

/// <summary>
/// <c>testdata dataset &lt;preset&gt; -o dir [-f ndjson|csv|sql|json] [--seed N] [--table name=count]… [--server URL]</c>:
/// related tables whose foreign keys point at generated rows, as <c>GenerateDataset</c> makes them (embedded or by the
/// service), one file per table (SQL: one file). A summary line goes to stderr; a dataset with orphans exits 1.
/// </summary>
internal static class DatasetCommand
{
    public static Command Create(CliConsole console)
    {
        var preset = new Argument<string>("preset") { Description = $"The dataset preset ({string.Join(", ", DatasetPresets.Names)})" };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Directory to write the files to (created if missing)", Required = true };
        var format = new Option<string>("--format", "-f") { Description = "Output format", DefaultValueFactory = _ => "ndjson" };
        format.AcceptOnlyFromAmong([.. GenerateCommand.Formats.Keys]);
        var seed = new Option<long?>("--seed") { Description = "Seed: the same seed gives the same files, here and from the service" };
        var table = new Option<string[]>("--table") { Description = "name=count, repeatable: the rows of a root table (customers=1000)" };
        var server = new ServerOptions();
        var command = new Command("dataset", "Generate related tables with referential integrity into a directory, one file per table") { preset, output, format, seed, table };
        server.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var input = new DatasetRequestInput
                {
                    Preset = parse.GetValue(preset) ?? "",
                    OutputFormat = (int)GenerateCommand.Formats[parse.GetValue(format) ?? "ndjson"],
                    Seed = parse.GetValue(seed),
                    Tables = [.. (parse.GetValue(table) ?? []).Select(Table)],
                };
                var endpoints = ServerOptions.Endpoints(parse.GetValue(server.Server));
                await using var files = new DatasetFiles(parse.GetValue(output)!, input.Preset, (DataFormat)input.OutputFormat);
                var summary = endpoints.Count == 0
                    ? await EmbeddedAsync(input, files, cancellationToken)
                    : await ServedAsync(endpoints[0], input, files, ServerOptions.Call(parse.GetValue(server.ApiKey), cancellationToken));
                await files.CompleteAsync(cancellationToken);
                var rows = string.Join(", ", summary.RowCounts.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value}")));
                await console.Stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"testdata: {files.Paths.Count} files ({rows}), {summary.OrphanCount} orphans"));
                return summary.OrphanCount == 0 ? ExitCodes.Ok : ExitCodes.Failure;
            }
            catch (InvalidRequestException ex)
            {
                await console.Stderr.WriteLineAsync($"testdata: invalid {ex.Field}: {ex.Message}");
                return ExitCodes.InvalidInput;
            }
            catch (RpcException ex)
            {
                return await ServerOptions.ReportAsync(ex, console.Stderr);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await console.Stderr.WriteLineAsync($"testdata: cannot write the output: {ex.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    private static DatasetTableInput Table(string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && int.TryParse(argument[(equals + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? new DatasetTableInput { Name = argument[..equals], Count = count }
            : throw new InvalidRequestException("table", $"table '{argument}' is not name=count with a count of at least 1 (e.g. customers=1000)");
    }

    private static async Task<DatasetSummary> EmbeddedAsync(DatasetRequestInput input, DatasetFiles files, CancellationToken cancellationToken)
    {
        using var domain = EmbeddedDomain.Build();
        return await domain.GetRequiredService<DatasetService>().StreamAsync(input, chunk => files.WriteAsync(chunk.Table, chunk.Data, cancellationToken), cancellationToken);
    }

    private static async Task<DatasetSummary> ServedAsync(Uri endpoint, DatasetRequestInput input, DatasetFiles files, CallOptions options)
    {
        using var channel = ServerOptions.Channel(endpoint);
        using var call = ServerOptions.Client(channel).GenerateDataset(WireRequests.ToWire(input), options);
        await foreach (var chunk in call.ResponseStream.ReadAllAsync(options.CancellationToken))
        {
            await files.WriteAsync(chunk.Table, chunk.Data, options.CancellationToken);
            if (chunk.IsFinal)
            {
                var summary = chunk.Summary;
                return new DatasetSummary(summary.RowCounts, summary.OrphanCount, [.. summary.Warnings], summary.Seed,
                    DateTimeOffset.Parse(summary.ReferenceTime, CultureInfo.InvariantCulture), summary.CoherenceScore);
            }
        }

        throw new RpcException(new Status(StatusCode.Internal, "the dataset stream ended without its final chunk"));
    }
}
