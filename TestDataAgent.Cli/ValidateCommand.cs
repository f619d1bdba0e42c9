using System.CommandLine;
using System.Text;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Cli;

/// <summary>
/// <c>testdata validate data.json --entity order [-f json|ndjson|csv] [--schema file] [--constraint …] [--server URL]</c>:
/// checks records as <c>ValidateData</c> does (embedded, or by the service) and prints every violation on stdout, one
/// line each: record index, field, rule, message, tab-separated. Exit 0 when every record is valid, 1 when not
/// (<see cref="ExitCodes.DataInvalid"/>), 2 for a bad command line or request.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Argument<FileInfo>("data") { Description = "The records: a JSON array, NDJSON, or CSV with a header row" };
        var entity = new Option<string?>("--entity", "-e") { Description = "The entity the records should be (testdata schemas lists them)" };
        var format = new Option<string?>("--format", "-f") { Description = "json, ndjson or csv (default: from the file's extension, .csv, .ndjson/.jsonl, else json)" };
        format.AcceptOnlyFromAmong("json", "ndjson", "csv");
        var schema = new Option<FileInfo?>("--schema") { Description = "A schema file, in our format or JSON Schema, instead of --entity" };
        var constraint = new Option<string[]>("--constraint") { Description = "field.rule=value, repeatable, checked as well (see generate)" };
        var server = new ServerOptions();
        var command = new Command("validate", "Check records against an entity or a schema and print every violation") { data, entity, format, schema, constraint };
        server.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var file = parse.GetValue(data)!;
                var request = new ValidateDataRequest
                {
                    Entity = parse.GetValue(entity) ?? "",
                    Format = parse.GetValue(format) is { } named ? (OutputFormat)GenerateCommand.Formats[named] : FormatOf(file),
                    InlineSchema = parse.GetValue(schema) is { } schemaFile ? await GenerateCommand.ReadSchemaAsync(schemaFile, cancellationToken) : "",
                    Constraints = WireRequests.ToWire(ConstraintSyntax.Parse(parse.GetValue(constraint) ?? [])),
                    Data = await ReadDataAsync(file, cancellationToken),
                };
                var endpoints = ServerOptions.Endpoints(parse.GetValue(server.Server));
                var report = endpoints.Count == 0
                    ? Embedded(request, ConstraintSyntax.Parse(parse.GetValue(constraint) ?? []))
                    : await ServedAsync(endpoints[0], request, ServerOptions.Call(parse.GetValue(server.ApiKey), cancellationToken));
                return await PrintAsync(report, console, cancellationToken);
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
        });
        return command;
    }

    private static OutputFormat FormatOf(FileInfo file) => file.Extension.ToLowerInvariant() switch
    {
        ".csv" => OutputFormat.Csv,
        ".ndjson" or ".jsonl" => OutputFormat.Ndjson,
        _ => OutputFormat.Json,
    };

    private static async Task<string> ReadDataAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(file.FullName, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidRequestException("data", $"data file '{file.FullName}' cannot be read: {ex.Message}");
        }
    }

    private static ValidationReport Embedded(ValidateDataRequest request, IReadOnlyDictionary<string, FieldConstraintInput> constraints)
    {
        using var domain = EmbeddedDomain.Build();
        return domain.GetRequiredService<SchemaCatalog>().Validate(request.Data, (DataFormat)request.Format, request.Entity, "", request.InlineSchema, "", [], "", constraints);
    }

    private static async Task<ValidationReport> ServedAsync(Uri endpoint, ValidateDataRequest request, CallOptions options)
    {
        using var channel = ServerOptions.Channel(endpoint);
        var response = await ServerOptions.Client(channel).ValidateDataAsync(request, options);
        return new ValidationReport(response.RecordCount, response.InvalidCount,
            [.. response.Violations.Select(v => new RuleViolation(v.RecordIndex, v.Field, v.Rule, v.Message))], response.CoherenceScore);
    }

    private static async Task<int> PrintAsync(ValidationReport report, CliConsole console, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var violation in report.Violations)
        {
            text.Append(violation.RecordIndex).Append('\t').Append(violation.Field).Append('\t').Append(violation.Rule).Append('\t')
                .Append(violation.Message.ReplaceLineEndings(" ")).Append('\n');
        }

        await console.Stdout.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
        await console.Stdout.FlushAsync(cancellationToken);
        await console.Stderr.WriteLineAsync(report.Valid
            ? $"testdata: {report.RecordCount} records, all valid"
            : $"testdata: {report.InvalidCount} of {report.RecordCount} records invalid, {report.Violations.Count} violations (record, field, rule, message on stdout)");
        return report.Valid ? ExitCodes.Ok : ExitCodes.DataInvalid;
    }
}
