using System.ComponentModel;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Mcp;

/// <summary>
/// <c>list_schemas</c>, <c>generate_data</c> and <c>validate_data</c>: thin adapters over <see cref="ITestDataGateway"/>,
/// as the gRPC service is over the domain. Records are made by the same streaming pipeline as <c>GenerateDataStream</c>,
/// so a seed gives the records <c>GenerateData</c> gives; an answer carries at most <see cref="McpOptions.MaxInlineBytes"/>
/// of them and stops the generation there.
/// </summary>
[McpServerToolType]
public sealed class TestDataTools(ITestDataGateway gateway, IOptions<McpOptions> options)
{
    [McpServerTool(Name = "list_schemas", Title = "List entity schemas", ReadOnly = true, Idempotent = true)]
    [Description("Lists the built-in entities test data can be generated for (user, product, order, payment, …), each with its fields: name, type, whether required, a description and an example value.")]
    public IReadOnlyList<SchemaSummary> ListSchemas(
        [Description("Only this domain's entities (ecommerce, …); empty for every domain")] string domain = "") =>
        [.. gateway.ListSchemas(domain).OrderBy(s => s.Name, StringComparer.Ordinal).Select(Summary)];

    [McpServerTool(Name = "generate_data", Title = "Generate test data", ReadOnly = true)]
    [Description("Generates realistic, valid, coherent test records of one entity. The same seed and arguments give the same records every time. " +
        "A large answer is cut at a record boundary to the server's Mcp:MaxInlineBytes: it then says how many records it holds of how many were asked, and how to get all of them.")]
    public Task<GeneratedRecords> GenerateData(
        [Description("The entity to generate: a name list_schemas gives (user, order, …), or the name of the inline schema")] string entity,
        [Description("How many records to generate (default 10, or the scenarios' counts)")] int? count = null,
        [Description(ToolArguments.FormatDescription)] string format = "json",
        [Description("Seed: the same seed gives the same records; chosen and reported when omitted")] long? seed = null,
        [Description("One locale (de_DE) or a weighted mix (de_DE=60,fr_FR=40); empty for American data")] string locale = "",
        [Description("Constraints per field name, e.g. {\"price\": {\"min\": 10, \"max\": 50}}; keys: min, max, enumValues, regex, minLength, maxLength, format, nullRate, missingRate")]
        Dictionary<string, FieldConstraintInput>? constraints = null,
        [Description("Scenarios, each {name, count, overrides: {field: value}, description}: count records of each, with the fields overridden; their counts replace count")]
        ScenarioInput[]? scenarios = null,
        [Description("The entity's schema instead of a built-in one: the service's schema format or a JSON Schema, as JSON text")] string schema = "",
        [Description("The entity's domain when the name is ambiguous (ecommerce, …)")] string domain = "",
        CancellationToken cancellationToken = default) =>
        ToolArguments.Refusing(async () =>
        {
            var dataFormat = ToolArguments.Format(format);
            var input = new GenerationRequestInput
            {
                RequestId = $"mcp-{Guid.NewGuid():N}",
                Domain = domain,
                Entity = entity,
                Count = count ?? (scenarios is { Length: > 0 } ? 0 : 10),
                OutputFormat = (int)dataFormat,
                Seed = ToolArguments.Seed(seed),
                Locale = locale,
                Constraints = constraints ?? [],
                Scenarios = scenarios ?? [],
                InlineSchema = schema,
            };
            var budget = new InlineBudget(options.Value.MaxInlineBytes);
            var records = new InlineRecords(dataFormat, budget);
            string? failure = null;
            using var enough = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            try
            {
                await gateway.StreamAsync(input, chunk =>
                {
                    if (chunk.IsFinal)
                    {
                        failure = chunk.Data.Length > 0 ? chunk.Data.ToString() : null;
                    }
                    else if (!records.Add(chunk.Data.Span))
                    {
                        // The answer is full: the records past it are never made.
                        enough.Cancel();
                    }

                    return Task.CompletedTask;
                }, enough.Token);
            }
            catch (OperationCanceledException) when (budget.Exhausted && !cancellationToken.IsCancellationRequested)
            {
            }

            if (failure is not null)
            {
                throw new McpException($"Generation failed: {failure}");
            }

            var requested = Requested(input);
            return new GeneratedRecords(ToolArguments.Name(dataFormat), records.Text(), records.Records, requested, budget.Exhausted, input.Seed!.Value,
                budget.Exhausted ? Rest(entity, requested, dataFormat, input.Seed.Value, records.Records, budget.MaxBytes) : null);
        });

    [McpServerTool(Name = "validate_data", Title = "Validate test data", ReadOnly = true, Idempotent = true)]
    [Description("Checks records against an entity's schema and constraints and reports every violation by row (record index from 0), field and rule, with a coherence score from 0 to 1.")]
    public Task<ValidationFindings> ValidateData(
        [Description("The records: a JSON array, NDJSON (one record a line) or CSV with a header row")] string data,
        [Description("The entity whose schema the records must follow (list_schemas gives the names)")] string entity,
        [Description("The data's format: json, ndjson or csv")] string format = "json",
        [Description("Constraints per field name on top of the schema's, as in generate_data")] Dictionary<string, FieldConstraintInput>? constraints = null,
        [Description("The schema instead of a built-in one: the service's schema format or a JSON Schema, as JSON text")] string schema = "",
        [Description("The entity's domain when the name is ambiguous (ecommerce, …)")] string domain = "",
        CancellationToken cancellationToken = default) =>
        ToolArguments.Refusing(async () =>
        {
            var report = await gateway.ValidateAsync(data, ToolArguments.Format(format), entity, domain, schema, constraints ?? [], cancellationToken);
            var listed = Listed(report.Violations, options.Value.MaxInlineBytes);
            return new ValidationFindings(report.Valid, report.RecordCount, report.InvalidCount, report.CoherenceScore, report.Violations.Count, listed.Count, listed);
        });

    private SchemaSummary Summary(EntitySchema schema) => new(schema.Name, schema.Domain, schema.Description,
        [.. schema.Fields.Select(f => new SchemaFieldSummary(f.Name, f.Kind.ToName(), f.Required, f.Description, gateway.Example(schema, f)))]);

    // As many violations as fit in the inline budget, in order (each costs its text and about 80 bytes of JSON around it).
    private static List<RuleViolation> Listed(IReadOnlyList<RuleViolation> violations, int maxBytes)
    {
        var listed = new List<RuleViolation>();
        var budget = new InlineBudget(maxBytes);
        foreach (var violation in violations)
        {
            if (!budget.TryTake(violation.Field.Length + violation.Rule.Length + violation.Message.Length + 80))
            {
                break;
            }

            listed.Add(violation);
        }

        return listed;
    }

    // As the scenario planner counts them: explicit scenario counts, and what count leaves for the scenarios without one.
    private static long Requested(GenerationRequestInput input)
    {
        if (input.Scenarios.Count == 0)
        {
            return input.Count;
        }

        var explicitSum = input.Scenarios.Sum(s => (long)s.Count);
        return explicitSum + (input.Scenarios.Any(s => s.Count == 0) ? Math.Max(0, input.Count - explicitSum) : 0);
    }

    private static string Rest(string entity, long requested, DataFormat format, long seed, int returned, int maxBytes) =>
        $"This answer holds the first {returned} of {requested} records (the server's Mcp:MaxInlineBytes is {maxBytes} bytes). " +
        $"The same arguments with seed {seed} give the same records: stream all of them with the GenerateDataStream gRPC call, " +
        $"or on the command line: testdata generate {entity} -n {requested} -f {ToolArguments.Name(format)} --seed {seed} -o {entity}.{ToolArguments.Name(format)}";
}
