using System.Text.RegularExpressions;
using TestDataAgent.Generators.Locales;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Datasets;

/// <summary>One table's own checks: its schema (resolved as a single entity's is), name, counts, distribution and scenarios.</summary>
internal static partial class DatasetTableBuilder
{
    public static DatasetTable Build(DatasetTableInput input, string location, string domain, LocaleMix locales, SchemaResolver schemas, DatasetOptions limits, List<string> warnings)
    {
        EntitySchema schema;
        try
        {
            schema = LocaleSchemaAdapter.Adapt(schemas.Resolve(input.Entity, domain, input.InlineSchema, input.CustomSchema, [], "", warnings), locales);
            schema = ConstraintApplier.Apply(schema, input.Constraints, warnings);
        }
        catch (InvalidRequestException ex)
        {
            throw new InvalidRequestException($"{location}.{ex.Field}", $"{location}: {ex.Message}");
        }

        var name = input.Name.Length > 0 ? input.Name : input.Entity.Length > 0 ? input.Entity : schema.Name;
        if (!Identifier().IsMatch(name))
        {
            throw new InvalidRequestException($"{location}.name", $"{location}.name '{Echo.Quote(name)}' must be letters, digits and underscores, starting with a letter or underscore, at most 63 characters");
        }

        var at = $"{location} ({name})";
        var isRoot = input.Parent.Length == 0;
        if (isRoot && input.Count < 1)
        {
            throw new InvalidRequestException($"{location}.count", $"{at}: a root table (no parent) needs count of at least 1, got {input.Count}");
        }

        if (!isRoot && input.Count != 0)
        {
            throw new InvalidRequestException($"{location}.count", $"{at}: count is for root tables; a child table has min_per_parent to max_per_parent rows per parent row");
        }

        if (isRoot && (input.MinPerParent != 0 || input.MaxPerParent != 0))
        {
            throw new InvalidRequestException($"{location}.max_per_parent", $"{at}: min_per_parent and max_per_parent need a parent");
        }

        if (!isRoot && (input.MinPerParent < 0 || input.MaxPerParent < 1 || input.MinPerParent > input.MaxPerParent))
        {
            throw new InvalidRequestException($"{location}.max_per_parent", $"{at}: min_per_parent {input.MinPerParent} and max_per_parent {input.MaxPerParent} must satisfy 0 <= min <= max and max >= 1");
        }

        if (input.MaxPerParent > limits.MaxPerParent)
        {
            throw new InvalidRequestException($"{location}.max_per_parent", $"{at}: max_per_parent {input.MaxPerParent} is over {limits.MaxPerParent} (Datasets:MaxPerParent)");
        }

        var distribution = input.Distribution switch
        {
            "" or "uniform" => ChildDistribution.Uniform,
            "poisson" => ChildDistribution.Poisson,
            "zipf" => ChildDistribution.Zipf,
            _ => throw new InvalidRequestException($"{location}.distribution", $"{at}: distribution '{Echo.Quote(input.Distribution)}' is not one of uniform, poisson, zipf"),
        };

        foreach (var omitted in input.Omit.Where(o => schema.FindField(o) is null))
        {
            throw new InvalidRequestException($"{location}.omit", $"{at}: omits '{Echo.Quote(omitted)}', which is not a field of {schema.Name}");
        }

        var scenarios = Scenarios(input, isRoot, locales, ref schema, at, location, warnings);
        return new DatasetTable
        {
            Name = name,
            Path = location,
            GenerationSchema = schema,
            OutputSchema = schema with { Name = name, Fields = [.. schema.Fields.Where(f => !input.Omit.Contains(f.Name))] },
            PrimaryKey = PrimaryKeyOf(schema),
            Count = input.Count,
            MinPerParent = isRoot ? 0 : input.MinPerParent,
            MaxPerParent = isRoot ? 1 : input.MaxPerParent,
            Distribution = distribution,
            ChildCountCdf = isRoot ? [1.0] : ChildCounts.Cdf(distribution, input.MinPerParent, input.MaxPerParent),
            Omit = input.Omit,
            Scenarios = scenarios,
            Constrained = input.Constraints.Count > 0,
            Salt = DatasetHash.Of(name),
        };
    }

    /// <summary>The schema's primary key, else a field named <c>id</c> or <c>{entity}_id</c>.</summary>
    private static string? PrimaryKeyOf(EntitySchema schema) =>
        schema.PrimaryKey ?? (schema.FindField("id") is not null ? "id" : schema.FindField($"{schema.Name}_id") is not null ? $"{schema.Name}_id" : null);

    /// <summary>
    /// The caller's scenarios with the preset's overrides under them (the caller's win). A root table lays them over its
    /// rows in order, as a single entity does; a child table picks one per row with the scenario counts as weights.
    /// </summary>
    private static List<ScenarioPlan> Scenarios(DatasetTableInput input, bool isRoot, LocaleMix locales, ref EntitySchema schema, string at, string location, List<string> warnings)
    {
        var localised = schema;
        var given = input.Scenarios.Count > 0 ? input.Scenarios : [new ScenarioInput("default", isRoot ? input.Count : 1, new Dictionary<string, string>(), "")];
        var merged = given.Select(s =>
        {
            // A preset's currency (USD) gives way to the locale's: the adapted schema marks the fields that follow it.
            var overrides = locales.IsDefault
                ? new Dictionary<string, string>(input.Overrides, StringComparer.Ordinal)
                : new Dictionary<string, string>(input.Overrides.Where(o => localised.FindField(o.Key)?.Semantic != LocaleValues.CurrencySemantic), StringComparer.Ordinal);
            foreach (var (field, value) in s.Overrides)
            {
                overrides[field] = value;
            }

            return s with { Overrides = overrides };
        }).ToList();
        var count = isRoot ? input.Count : merged.Sum(s => Math.Max(1, s.Count));
        try
        {
            return ScenarioPlanner.Plan(new GenerationRequestInput { Count = count, Scenarios = merged }, ref schema, warnings);
        }
        catch (InvalidRequestException ex)
        {
            throw new InvalidRequestException($"{location}.{ex.Field}", $"{at}: {ex.Message}");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
