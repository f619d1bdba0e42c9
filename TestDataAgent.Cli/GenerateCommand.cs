using System.CommandLine;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Cli;

/// <summary>
/// <c>testdata generate [entity] -n N -f json|ndjson|csv|sql [-o file] [--seed N] [--locale L] [--schema file]
/// [--constraint field.rule=value]… [--scenario name[:count][,field=value…]]…</c>, embedded (the domain's
/// <c>RequestPipeline</c> in this process, as the api's <c>GenerateDataStream</c> runs it) or with <c>--server</c> from
/// deployed services (<c>--method</c>, <c>--partitions</c>): one request either way, so a seed gives the same bytes.
/// </summary>
internal static class GenerateCommand
{
    public static readonly Dictionary<string, DataFormat> Formats = new(StringComparer.Ordinal)
    {
        ["json"] = DataFormat.Json,
        ["ndjson"] = DataFormat.Ndjson,
        ["csv"] = DataFormat.Csv,
        ["sql"] = DataFormat.Sql,
    };

    private static readonly Dictionary<string, GenerationPath> Methods = new(StringComparer.Ordinal)
    {
        ["traditional"] = GenerationPath.Traditional,
        ["llm"] = GenerationPath.Llm,
        ["rag"] = GenerationPath.Rag,
        ["hybrid"] = GenerationPath.Hybrid,
    };

    public static Command Create(CliConsole console)
    {
        var entity = new Argument<string?>("entity") { Description = "The entity to generate (testdata schemas lists them); may be left out with --schema", Arity = ArgumentArity.ZeroOrOne };
        var count = new Option<int>("--count", "-n") { Description = "How many records", DefaultValueFactory = _ => 10 };
        var format = new Option<string>("--format", "-f") { Description = "Output format", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong([.. Formats.Keys]);
        var output = new Option<FileInfo?>("--output", "-o") { Description = "File to write (default: stdout)" };
        var seed = new Option<long?>("--seed") { Description = "Seed: the same seed gives the same bytes, here and from the service" };
        var locale = new Option<string?>("--locale") { Description = "One locale (de_DE) or a weighted mix (de_DE=60,fr_FR=40)" };
        var schema = new Option<FileInfo?>("--schema") { Description = "A schema file, in our format or JSON Schema (sent as inline_schema)" };
        var constraint = new Option<string[]>("--constraint") { Description = "field.rule=value, repeatable: rules min, max, enum (a|b), regex, min_length, max_length, format, null_rate, missing_rate" };
        var scenario = new Option<string[]>("--scenario") { Description = "name[:count|:percent%][,field=value…], repeatable" };
        var method = new Option<string>("--method") { Description = "Generation method; llm, rag and hybrid need --server", DefaultValueFactory = _ => "traditional" };
        method.AcceptOnlyFromAmong([.. Methods.Keys]);
        var partitions = new Option<int?>("--partitions") { Description = "Split the run into N partitions over the --server endpoints (default: one per endpoint)" };
        var server = new ServerOptions();

        var command = new Command("generate", "Generate records of one entity, in this process or from a deployed service (--server)")
        {
            entity, count, format, output, seed, locale, schema, constraint, scenario, method, partitions,
        };
        server.AddTo(command);
        command.SetAction((parse, cancellationToken) => GenerateRun.RunAsync(console, parse.GetValue(output), async () =>
        {
            var total = parse.GetValue(count);
            var input = new GenerationRequestInput
            {
                Entity = parse.GetValue(entity) ?? "",
                Count = total,
                OutputFormat = (int)Formats[parse.GetValue(format) ?? "json"],
                Seed = parse.GetValue(seed),
                Locale = parse.GetValue(locale) ?? "",
                InlineSchema = parse.GetValue(schema) is { } file ? await ReadSchemaAsync(file, cancellationToken) : "",
                Constraints = ConstraintSyntax.Parse(parse.GetValue(constraint) ?? []),
                Scenarios = ScenarioSyntax.Parse(parse.GetValue(scenario) ?? [], total),
                GenerationMethod = (int)Methods[parse.GetValue(method) ?? "traditional"],
            };
            return Source(input, ServerOptions.Endpoints(parse.GetValue(server.Server)), parse.GetValue(partitions), parse.GetValue(server.ApiKey), cancellationToken);
        }, cancellationToken));
        return command;
    }

    /// <summary>A schema file's text; a missing or unreadable file is refused as the <c>schema</c> input.</summary>
    public static async Task<string> ReadSchemaAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(file.FullName, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidRequestException("schema", $"schema file '{file.FullName}' cannot be read: {ex.Message}");
        }
    }

    private static (IChunkSource Source, GenerationRequestInput Input) Source(GenerationRequestInput input, IReadOnlyList<Uri> endpoints, int? partitions, string? apiKey, CancellationToken cancellationToken)
    {
        if (endpoints.Count == 0)
        {
            if (input.GenerationMethod != (int)GenerationPath.Traditional)
            {
                throw new InvalidRequestException("method", "the llm, rag and hybrid methods need outside systems: use them with --server");
            }

            return partitions is null
                ? (new EmbeddedChunks(input), input)
                : throw new InvalidRequestException("partitions", "--partitions splits a run over services: give them with --server");
        }

        var slices = partitions ?? endpoints.Count;
        if (slices < 1)
        {
            throw new InvalidRequestException("partitions", "partitions must be at least 1");
        }

        // Every slice must be cut from the same run: a service choosing its own seed would make another run per slice.
        if (slices > 1 && input.Seed is null)
        {
            input = input with { Seed = Random.Shared.NextInt64(0, long.MaxValue) };
        }

        var requests = Enumerable.Range(0, slices)
            .Select(k => WireRequests.ToWire(slices > 1 ? input with { Partition = (k, slices) } : input))
            .ToList();
        return (new ServerChunks(endpoints, requests, ServerOptions.Call(apiKey, cancellationToken)), input);
    }
}
