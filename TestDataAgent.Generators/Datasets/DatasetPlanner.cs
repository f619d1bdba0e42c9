using System.Globalization;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Locales;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Datasets;

/// <summary>
/// Turns a dataset request into a <see cref="DatasetPlan"/>, or refuses it with an <see cref="InvalidRequestException"/>
/// naming the table and field: a <c>request_id</c> over its length (<see cref="RequestIdRule"/>), an unknown preset or parent, a cycle, a bad count, a reference no row can satisfy, a
/// dataset over <see cref="DatasetOptions"/>' limits. Each table's schema is resolved by the same rules as a single
/// entity's; <see cref="DatasetReferences"/> then links the tables.
/// </summary>
public sealed class DatasetPlanner(SchemaResolver schemas, IOptions<DatasetOptions> options, IOptions<GenerationOptions> generation, TimeProvider timeProvider)
{
    public DatasetPlan Plan(DatasetRequestInput input)
    {
        RequestIdRule.Check(input.RequestId, generation.Value);
        var limits = options.Value;
        var locales = Locales(input.Locale);

        if (!Enum.IsDefined(typeof(DataFormat), input.OutputFormat))
        {
            throw new InvalidRequestException("output_format", $"output_format {input.OutputFormat} is not one of JSON, CSV, SQL, NDJSON");
        }

        var inputs = Merge(input);
        if (inputs.Count == 0)
        {
            throw new InvalidRequestException("tables", "a dataset needs a preset or at least one table");
        }

        if (inputs.Count > limits.MaxTables)
        {
            throw new InvalidRequestException("tables", $"the dataset has {inputs.Count} tables; at most {limits.MaxTables} are allowed (Datasets:MaxTables)");
        }

        var warnings = new List<string>();
        var seed = input.Seed ?? Random.Shared.NextInt64(1, long.MaxValue);
        var tables = new List<DatasetTable>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            tables.Add(DatasetTableBuilder.Build(inputs[i], $"tables[{i}]", input.Domain, locales, schemas, limits, warnings));
        }

        var ordered = DatasetReferences.Link(inputs, tables, warnings);
        var rows = 0L;
        foreach (var table in ordered)
        {
            rows += table.KeySpace;
            if (rows > limits.MaxRows)
            {
                throw new InvalidRequestException(table.Path, $"the dataset may have up to {rows:N0} rows by the time {table.Name} is counted (root counts times every max_per_parent); at most {limits.MaxRows:N0} are allowed (Datasets:MaxRows)");
            }
        }

        return new DatasetPlan
        {
            RequestId = input.RequestId,
            Tables = ordered,
            Format = (DataFormat)input.OutputFormat,
            SqlDialect = SqlDialects.Parse(input.SqlDialect),
            Seed = seed,
            Locales = locales,
            ReferenceTime = ReferenceTime(input.ReferenceTime, seeded: input.Seed is not null),
            Warnings = warnings,
        };
    }

    /// <summary>
    /// The request's locale, parsed and checked as a single entity's is (<see cref="LocaleMix.Parse"/>). The cross-table
    /// rules add and split amounts in cents, so a locale whose currency has other minor units (ja_JP, JPY) is refused.
    /// </summary>
    private static LocaleMix Locales(string text)
    {
        var locales = LocaleMix.Parse(text);
        foreach (var locale in locales.Locales.Where(l => l.MinorUnits != 2))
        {
            throw new InvalidRequestException("locale", $"locale {locale.Name} is not supported by datasets: its currency {locale.Currency} has {locale.MinorUnits} minor units and a dataset's amounts are in cents; use a locale whose currency has 2 minor units, such as {string.Join(", ", LocaleCatalog.All.Where(l => l.MinorUnits == 2).Select(l => l.Name))}");
        }

        return locales;
    }

    /// <summary>The preset's tables with the caller's overriding those of the same name, then the caller's others.</summary>
    private static List<DatasetTableInput> Merge(DatasetRequestInput input)
    {
        if (input.Preset.Length == 0)
        {
            return [.. input.Tables];
        }

        if (!DatasetPresets.TryGet(input.Preset, out var preset))
        {
            throw new InvalidRequestException("preset", $"preset '{Echo.Quote(input.Preset)}' is not known; the presets are {string.Join(", ", DatasetPresets.Names)}");
        }

        var merged = preset.ToList();
        foreach (var table in input.Tables)
        {
            var at = merged.FindIndex(p => p.Name == table.Name);
            if (at < 0)
            {
                merged.Add(table);
                continue;
            }

            var known = merged[at];
            merged[at] = known with
            {
                Entity = table.Entity.Length > 0 ? table.Entity : known.Entity,
                Count = table.Count != 0 ? table.Count : known.Count,
                Parent = table.Parent.Length > 0 ? table.Parent : known.Parent,
                MinPerParent = table.MinPerParent != 0 || table.MaxPerParent != 0 ? table.MinPerParent : known.MinPerParent,
                MaxPerParent = table.MaxPerParent != 0 ? table.MaxPerParent : known.MaxPerParent,
                Distribution = table.Distribution.Length > 0 ? table.Distribution : known.Distribution,
                Constraints = table.Constraints.Count > 0 ? table.Constraints : known.Constraints,
                Scenarios = table.Scenarios.Count > 0 ? table.Scenarios : known.Scenarios,
                InlineSchema = table.InlineSchema,
                CustomSchema = table.CustomSchema,
            };
        }

        return merged;
    }

    private DateTimeOffset ReferenceTime(string text, bool seeded)
    {
        if (text.Length == 0)
        {
            if (seeded)
            {
                return GenerationRequestValidator.SeededReferenceTime;
            }

            var now = timeProvider.GetUtcNow();
            return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : throw new InvalidRequestException("reference_time", $"reference_time '{Echo.Quote(text)}' is not an ISO-8601 timestamp such as 2026-01-31T12:00:00Z");
    }
}
