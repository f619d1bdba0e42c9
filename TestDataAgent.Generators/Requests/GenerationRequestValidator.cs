using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Locales;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Generators.Requests;

/// <summary>
/// Turns what a caller sent into a <see cref="GenerationRequest"/>, or throws <see cref="InvalidRequestException"/>
/// naming the field and the rule. Every check that can fail happens here, before any record is made: the schema
/// (<see cref="SchemaResolver"/>), the scenarios (<see cref="ScenarioPlanner"/>), then limits, format, method, context
/// and hints.
/// </summary>
public sealed class GenerationRequestValidator(SchemaResolver schemas, IOptions<GenerationOptions> options, TimeProvider timeProvider)
{
    /// <summary>
    /// The reference time of a seeded request that names none, so seeded data never drifts with the clock.
    /// </summary>
    public static readonly DateTimeOffset SeededReferenceTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const int MaxHints = 64;

    private const int MaxContextLength = 100_000;

    /// <param name="input">What the caller sent.</param>
    /// <param name="mode">Unary or stream: their limits differ.</param>
    /// <param name="cancellationToken">Stops building a schema's pattern generators when the call ends.</param>
    public GenerationRequest Validate(GenerationRequestInput input, RequestMode mode, CancellationToken cancellationToken = default)
    {
        RequestIdRule.Check(input.RequestId, options.Value);

        var warnings = new List<string>();
        var locales = LocaleMix.Parse(input.Locale);
        var resolved = LocaleSchemaAdapter.Adapt(schemas.Resolve(input.Entity, input.Domain, input.InlineSchema, input.CustomSchema, input.SchemaFields, input.PredefinedSchema, warnings), locales);
        var schema = ConstraintApplier.Apply(resolved, input.Constraints, warnings);
        CheckSchema(schema, cancellationToken);
        var scenarios = ScenarioPlanner.Plan(input, ref schema, warnings, options.Value.MaxAddedFields);
        CheckRecordSize(schema, scenarios);
        var total = scenarios.Sum(s => (long)s.Count);
        var (partitionIndex, partitionCount, first, end) = Slice(input.Partition, total);
        CheckLimit(end - first, mode);

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

        var hints = HintNames.Normalise(input.Hints);
        foreach (var hint in hints.Where(h => !HintNames.Known.Contains(h)))
        {
            // The caller's text is echoed cut, so a huge hint never makes a huge warning.
            warnings.Add($"hint '{Echo.Cut(hint, 64)}' is not understood by any available path; it was ignored");
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
            SeedChosenByService = input.Seed is null,
            ReferenceTimeChosenByService = input.Seed is null && input.ReferenceTime.Length == 0,
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
            First = first,
            End = end,
            PartitionIndex = partitionIndex,
            PartitionCount = partitionCount,
            Locales = locales,
            SqlDialect = SqlDialects.Parse(input.SqlDialect),
            PatternOwner = input.PatternOwner,
        };
    }

    // Equal contiguous slices: partition k of n makes the global indexes [total·k/n, total·(k+1)/n).
    private static (int Index, int Count, long First, long End) Slice((int Index, int Count)? partition, long total)
    {
        if (partition is not { } p)
        {
            return (0, 1, 0, total);
        }

        if (p.Count < 1)
        {
            throw new InvalidRequestException("partition.count", $"partition.count must be at least 1, got {p.Count}");
        }

        if (p.Index < 0 || p.Index >= p.Count)
        {
            throw new InvalidRequestException("partition.index", $"partition.index must be from 0 to partition.count - 1 ({p.Count - 1}), got {p.Index}");
        }

        return (p.Index, p.Count, total * p.Index / p.Count, total * (p.Index + 1) / p.Count);
    }

    // Every source (built-in, ours, JSON Schema, schema.fields) is checked here, so a template never fails a request
    // later and no length or size is unbounded, whether or not the schema sent a maximum.
    private void CheckFields(IReadOnlyList<FieldDefinition> fields)
    {
        var limits = options.Value;
        foreach (var field in fields)
        {
            if (field.MinLength > limits.MaxStringLength || field.MaxLength > limits.MaxStringLength)
            {
                throw new InvalidRequestException(field.Path, $"{field.Path}: a length of {Math.Max(field.MinLength ?? 0, field.MaxLength ?? 0)} is over the most a string may have, {limits.MaxStringLength} (Generation:MaxStringLength)");
            }

            if (field.MinItems > limits.MaxArrayItems || field.MaxItems > limits.MaxArrayItems)
            {
                throw new InvalidRequestException(field.Path, $"{field.Path}: {Math.Max(field.MinItems ?? 0, field.MaxItems ?? 0)} items are over the most an array may have, {limits.MaxArrayItems} (Generation:MaxArrayItems)");
            }

            if (IdTemplate.IsTemplate(field.Format))
            {
                try
                {
                    IdTemplate.Parse(field.Format!);
                }
                catch (FormatException ex)
                {
                    throw new InvalidRequestException(field.Path, $"{field.Path}: format is not a usable ID template: {ex.Message}");
                }
            }

            CheckFields(field.Fields);
            if (field.Items is { } items)
            {
                CheckFields([items]);
            }
        }
    }

    // What depends on the schema alone is checked once per schema instance: a built-in entity (or a registered schema)
    // comes back as the same instance on every request that sets no constraints or locale, and its checks, the
    // patterns' generators and its size bound then cost a table lookup. A schema made for one request is checked as
    // before and its entry goes when the schema does.
    private readonly ConditionalWeakTable<EntitySchema, SchemaChecks> _checked = [];

    private sealed class SchemaChecks
    {
        public bool FieldsChecked;
        public double? SchemaBytes;
    }

    private SchemaChecks ChecksOf(EntitySchema schema) => _checked.GetValue(schema, static _ => new SchemaChecks());

    private void CheckSchema(EntitySchema schema, CancellationToken cancellationToken)
    {
        var checks = ChecksOf(schema);
        if (checks.FieldsChecked)
        {
            return;
        }

        CheckFields(schema.Fields);
        // Patterns are built (within their budget) now, so a stream refuses a bad one before its first chunk.
        SchemaPatterns.Prepare(schema.Fields, cancellationToken);
        checks.FieldsChecked = true;
    }

    private void CheckRecordSize(EntitySchema schema, IReadOnlyList<ScenarioPlan> scenarios)
    {
        var limit = options.Value.MaxRecordBytes;
        // Scenarios can add fields, so this is the schema the records are made from: its bound is kept on its own.
        var checks = ChecksOf(schema);
        var bound = RecordCost.MaxBytes(checks.SchemaBytes ??= RecordCost.SchemaBytes(schema), scenarios);
        if (bound > limit)
        {
            var size = bound >= 1e12 ? "more than a terabyte" : $"up to {bound / (1024 * 1024):0.#} MiB";
            throw new InvalidRequestException("schema", string.Create(CultureInfo.InvariantCulture, $"one {schema.Name} record could be {size} (its string lengths, array sizes and nesting, and the overrides), over the most a record may be, {limit} bytes (Generation:MaxRecordBytes); set max_length, max_items or fewer nested arrays"));
        }
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
