using System.Globalization;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Requests;

/// <summary>
/// Turns what a caller sent into a <see cref="GenerationRequest"/>, or throws <see cref="InvalidRequestException"/>
/// naming the field and the rule. Every check that can fail happens here, before any record is made.
/// </summary>
public sealed class GenerationRequestValidator(ISchemaRegistry registry, IOptions<GenerationOptions> options, TimeProvider timeProvider)
{
    /// <summary>
    /// The reference time of a seeded request that names none, so seeded data never drifts with the clock.
    /// </summary>
    public static readonly DateTimeOffset SeededReferenceTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const int MaxHints = 64;

    /// <summary>Hints something in this version acts on: the router's vocabulary, <c>fast</c> and <c>edge_case</c>.</summary>
    public static readonly IReadOnlySet<string> KnownHints = new HashSet<string>(StringComparer.Ordinal)
    {
        "similar", "pattern", "historical", "production", "realistic", "coherent", "intelligent", "natural", "fast", HintNames.EdgeCase,
    };
    private const int MaxContextLength = 100_000;

    public GenerationRequest Validate(GenerationRequestInput input, RequestMode mode)
    {
        var warnings = new List<string>();
        var schema = ConstraintApplier.Apply(ResolveSchema(input, warnings), input.Constraints);
        var scenarios = PlanScenarios(input, schema, warnings);
        var total = scenarios.Sum(s => (long)s.Count);
        CheckLimit(total, mode);

        if (!Enum.IsDefined(typeof(DataFormat), input.OutputFormat))
        {
            throw new InvalidRequestException("output_format", $"output_format {input.OutputFormat} is not one of JSON, CSV, SQL, NDJSON");
        }

        if (input.GenerationMethod is < 0 or > 3)
        {
            throw new InvalidRequestException("generation_method", $"generation_method {input.GenerationMethod} is not one of TRADITIONAL, LLM, RAG, HYBRID");
        }

        if (input.Context.Length > MaxContextLength)
        {
            throw new InvalidRequestException("context", $"context is {input.Context.Length} characters; at most {MaxContextLength} are allowed");
        }

        if (input.Hints.Count > MaxHints)
        {
            throw new InvalidRequestException("hints", $"{input.Hints.Count} hints were sent; at most {MaxHints} are allowed");
        }

        var hints = input.Hints.Select(h => h.Trim().ToLowerInvariant()).Where(h => h.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        foreach (var hint in hints.Where(h => !KnownHints.Contains(h)))
        {
            warnings.Add($"hint '{hint}' is not understood by any available path; it was ignored");
        }

        return new GenerationRequest
        {
            RequestId = input.RequestId,
            Domain = input.Domain,
            Schema = schema,
            Count = (int)total,
            Scenarios = scenarios,
            Format = (DataFormat)input.OutputFormat,
            Seed = input.Seed ?? ChooseSeed(),
            ReferenceTime = ParseReferenceTime(input.ReferenceTime, seeded: input.Seed is not null),
            Context = input.Context,
            Hints = hints,
            UseCache = input.UseCache,
            LearnFromHistory = input.LearnFromHistory,
            DefectTriggering = input.DefectTriggering,
            ProductionLike = input.ProductionLike,
            // TRADITIONAL is 0 on the wire, indistinguishable from "not set", so 0 means "let the router decide".
            RequestedMethod = input.GenerationMethod > 0 ? (GenerationPath)input.GenerationMethod : null,
            Warnings = warnings,
            Constrained = input.Constraints.Count > 0,
        };
    }

    /// <summary>The schema and constraints of a <c>ValidateData</c> request, with the same rules as generation.</summary>
    public EntitySchema ResolveForValidation(string entity, string domain, string inlineSchema, string customSchema, IReadOnlyList<FieldSpecInput> schemaFields,
        string predefinedSchema, IReadOnlyDictionary<string, FieldConstraintInput> constraints) =>
        ConstraintApplier.Apply(Resolve(entity, domain, inlineSchema, customSchema, schemaFields, predefinedSchema, []), constraints);

    private EntitySchema ResolveSchema(GenerationRequestInput input, List<string> warnings) =>
        Resolve(input.Entity, input.Domain, input.InlineSchema, input.CustomSchema, input.SchemaFields, input.PredefinedSchema, warnings);

    /// <summary>
    /// The schema a request names, by one precedence: <c>inline_schema</c>, <c>custom_schema</c>, <c>schema.fields</c>,
    /// <c>schema.predefined_schema</c>, <c>entity</c>. Two of the first four at once contradict each other and are refused.
    /// </summary>
    public EntitySchema Resolve(string entity, string domain, string inlineSchema, string customSchema, IReadOnlyList<FieldSpecInput> schemaFields, string predefinedSchema, List<string> warnings)
    {
        var sources = new[] { ("inline_schema", inlineSchema.Length > 0), ("custom_schema", customSchema.Length > 0), ("schema.fields", schemaFields.Count > 0), ("schema.predefined_schema", predefinedSchema.Length > 0) }
            .Where(s => s.Item2).Select(s => s.Item1).ToList();
        if (sources.Count > 1)
        {
            throw new InvalidRequestException(sources[1], $"{string.Join(" and ", sources)} were both sent; send one schema source (entity may name it)");
        }

        var input = new GenerationRequestInput { Entity = entity, Domain = domain, InlineSchema = inlineSchema, CustomSchema = customSchema, PredefinedSchema = predefinedSchema };
        if (schemaFields.Count > 0)
        {
            return SchemaFieldsConverter.Convert(entity, domain, schemaFields, warnings);
        }

        if (input.InlineSchema.Length > 0)
        {
            try
            {
                var inline = SchemaParser.Parse(input.InlineSchema);
                return input.Entity.Length > 0 && input.Entity != inline.Name ? inline with { Name = input.Entity } : inline;
            }
            catch (SchemaFormatException ex)
            {
                var where = ex.Path.Length == 0 ? "inline_schema" : $"inline_schema.{ex.Path}";
                throw new InvalidRequestException(where, $"inline_schema is not a usable schema: {ex.Message}");
            }
        }

        if (input.CustomSchema.Length > 0)
        {
            try
            {
                return JsonSchemaConverter.Convert(input.CustomSchema, input.Entity);
            }
            catch (SchemaFormatException ex)
            {
                var where = ex.Path.Length == 0 ? "custom_schema" : $"custom_schema.{ex.Path}";
                throw new InvalidRequestException(where, $"custom_schema is not a usable JSON Schema: {ex.Message}");
            }
        }

        if (input.PredefinedSchema.Length > 0)
        {
            return registry.TryGet(input.PredefinedSchema, out var predefined)
                ? predefined
                : throw new InvalidRequestException("schema.predefined_schema", $"schema.predefined_schema '{input.PredefinedSchema}' is not a known schema; GetSchemas lists them");
        }

        if (input.Entity.Length == 0)
        {
            throw new InvalidRequestException("entity", "entity is required (or send inline_schema)");
        }

        return registry.TryGet(input.Entity, out var schema)
            ? schema
            : throw new InvalidRequestException("entity", $"entity '{input.Entity}' is not a known schema; GetSchemas lists them");
    }

    private static List<ScenarioPlan> PlanScenarios(GenerationRequestInput input, EntitySchema schema, List<string> warnings)
    {
        if (input.Count < 0)
        {
            throw new InvalidRequestException("count", $"count must be at least 1, got {input.Count}");
        }

        if (input.Scenarios.Count == 0)
        {
            return input.Count >= 1
                ? [new ScenarioPlan("default", input.Count, "", new Dictionary<string, object?>())]
                : throw new InvalidRequestException("count", $"count must be at least 1, got {input.Count}");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var explicitSum = 0L;
        var withoutCount = 0;
        for (var i = 0; i < input.Scenarios.Count; i++)
        {
            var scenario = input.Scenarios[i];
            var name = scenario.Name.Length == 0 ? "default" : scenario.Name;
            if (!names.Add(name))
            {
                throw new InvalidRequestException($"scenarios[{i}].name", $"scenarios[{i}].name '{name}' is used by an earlier scenario; names must be unique");
            }

            if (scenario.Count < 0)
            {
                throw new InvalidRequestException($"scenarios[{i}].count", $"scenarios[{i}].count must not be negative, got {scenario.Count}");
            }

            explicitSum += scenario.Count;
            withoutCount += scenario.Count == 0 ? 1 : 0;
        }

        // Scenarios without a count share what `count` leaves after the explicit ones; explicit counts always win.
        var remainder = Math.Max(0L, input.Count - explicitSum);
        if (withoutCount > 0 && remainder == 0)
        {
            throw new InvalidRequestException("count", $"{withoutCount} scenario(s) have no count and count leaves no records for them; give each scenario a count or raise count");
        }

        if (withoutCount == 0 && input.Count > 0 && input.Count != explicitSum)
        {
            warnings.Add($"count {input.Count} differs from the sum of scenario counts {explicitSum}; the scenario counts were used");
        }

        var plans = new List<ScenarioPlan>(input.Scenarios.Count);
        var shared = 0;
        for (var i = 0; i < input.Scenarios.Count; i++)
        {
            var scenario = input.Scenarios[i];
            var count = scenario.Count;
            if (count == 0)
            {
                count = (int)(remainder / withoutCount) + (shared < remainder % withoutCount ? 1 : 0);
                shared++;
            }

            var name = scenario.Name.Length == 0 ? "default" : scenario.Name;
            plans.Add(new ScenarioPlan(name, count, scenario.Description, OverrideConverter.Convert(schema, scenario.Overrides, $"scenarios[{i}].overrides")));
        }

        return plans;
    }

    private void CheckLimit(long total, RequestMode mode)
    {
        var limits = options.Value;
        if (mode == RequestMode.Unary && total > limits.MaxSyncRecords)
        {
            throw new InvalidRequestException("count", $"Count {total} exceeds max sync limit {limits.MaxSyncRecords}. Use streaming instead.");
        }

        if (mode == RequestMode.Stream && total > limits.MaxStreamRecords)
        {
            throw new InvalidRequestException("count", $"Count {total} exceeds max stream limit {limits.MaxStreamRecords}.");
        }
    }

    private DateTimeOffset ParseReferenceTime(string text, bool seeded)
    {
        if (text.Length == 0 && seeded)
        {
            return SeededReferenceTime;
        }

        if (text.Length == 0)
        {
            var now = timeProvider.GetUtcNow();
            return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : throw new InvalidRequestException("reference_time", $"reference_time '{text}' is not an ISO-8601 timestamp such as 2026-01-31T12:00:00Z");
    }

    // A seed is chosen for every unseeded request and reported, so any response can be reproduced.
    private static long ChooseSeed() => Random.Shared.NextInt64(1, long.MaxValue);
}
