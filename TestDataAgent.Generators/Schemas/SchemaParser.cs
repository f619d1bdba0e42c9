using System.Text.Json;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Generators.Schemas;

/// <summary>
/// Reads the schema format shared by the built-in schema files and callers' inline schemas: the original
/// registry's dictionary format (<c>name</c>, <c>domain</c>, <c>description</c>, <c>fields</c>) plus
/// <c>primary_key</c>, <c>derive</c>, <c>semantic</c>, <c>weights</c>, <c>min_items</c>/<c>max_items</c>.
/// </summary>
public static class SchemaParser
{
    private static readonly JsonDocumentOptions s_documentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static EntitySchema Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, s_documentOptions);
        }
        catch (JsonException ex)
        {
            throw new SchemaFormatException("", $"is not valid JSON ({ex.Message})");
        }

        using (document)
        {
            return Parse(document.RootElement);
        }
    }

    public static EntitySchema Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new SchemaFormatException("", "a schema must be a JSON object");
        }

        var name = SchemaJson.RequiredString(root, "name", "");
        if (!root.TryGetProperty("fields", out var fieldsElement) || fieldsElement.ValueKind != JsonValueKind.Object)
        {
            throw new SchemaFormatException("fields", "is required and must be an object mapping field names to definitions");
        }

        var fields = ParseFields(fieldsElement, "fields", "");
        var schema = new EntitySchema
        {
            Name = name,
            Domain = SchemaJson.OptionalString(root, "domain", "") ?? "ecommerce",
            Description = SchemaJson.OptionalString(root, "description", "") ?? "",
            PrimaryKey = SchemaJson.OptionalString(root, "primary_key", ""),
            Fields = fields,
            CoherenceRules = SchemaJson.StringList(root, "coherence_rules", ""),
            Derivations = root.TryGetProperty("derive", out var derive) ? ParseDerivations(derive, FieldNames(fields)) : [],
        };

        if (schema.PrimaryKey is { } key && schema.FindField(key) is null)
        {
            throw new SchemaFormatException("primary_key", $"names '{key}', which is not a top-level field");
        }

        return schema;
    }

    private static List<FieldDefinition> ParseFields(JsonElement fieldsElement, string location, string parentPath)
    {
        var fields = new List<FieldDefinition>();
        foreach (var property in fieldsElement.EnumerateObject())
        {
            if (property.Name.Length == 0)
            {
                throw new SchemaFormatException(location, "field names must not be empty");
            }

            var path = parentPath.Length == 0 ? property.Name : $"{parentPath}.{property.Name}";
            fields.Add(ParseField(property.Name, property.Value, $"{location}.{property.Name}", path));
        }

        return fields;
    }

    private static FieldDefinition ParseField(string name, JsonElement element, string location, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SchemaFormatException(location, "a field definition must be a JSON object");
        }

        var typeName = SchemaJson.OptionalString(element, "type", location) ?? "string";
        if (!FieldKindNames.TryParse(typeName, out var kind))
        {
            throw new SchemaFormatException($"{location}.type", $"'{typeName}' is not one of {string.Join(", ", FieldKindNames.All)}");
        }

        var values = SchemaJson.StringList(element, "values", location);
        if (kind == FieldKind.Enum && values.Count == 0)
        {
            throw new SchemaFormatException($"{location}.values", "an enum field needs at least one value");
        }

        var min = SchemaJson.OptionalNumber(element, "min", location);
        var max = SchemaJson.OptionalNumber(element, "max", location);
        if (min > max)
        {
            throw new SchemaFormatException(location, $"min {min} is greater than max {max}");
        }

        var minLength = SchemaJson.OptionalInt(element, "min_length", location);
        var maxLength = SchemaJson.OptionalInt(element, "max_length", location);
        if (minLength > maxLength)
        {
            throw new SchemaFormatException(location, $"min_length {minLength} is greater than max_length {maxLength}");
        }

        var minItems = SchemaJson.OptionalInt(element, "min_items", location);
        var maxItems = SchemaJson.OptionalInt(element, "max_items", location);
        if (minItems > maxItems)
        {
            throw new SchemaFormatException(location, $"min_items {minItems} is greater than max_items {maxItems}");
        }

        var weights = SchemaJson.NumberList(element, "weights", location);
        var weightedCount = kind == FieldKind.Integer && min is not null && max is not null ? (int)(max.Value - min.Value) + 1 : values.Count;
        if (weights.Count > 0 && weights.Count != weightedCount)
        {
            throw new SchemaFormatException($"{location}.weights", $"has {weights.Count} entries for {weightedCount} values");
        }

        IReadOnlyList<FieldDefinition> nested = [];
        if (element.TryGetProperty("fields", out var nestedElement))
        {
            if (nestedElement.ValueKind != JsonValueKind.Object)
            {
                throw new SchemaFormatException($"{location}.fields", "must be an object");
            }

            nested = ParseFields(nestedElement, $"{location}.fields", path);
        }

        FieldDefinition? items = null;
        if (element.TryGetProperty("item_schema", out var itemElement))
        {
            items = ParseField("item", itemElement, $"{location}.item_schema", $"{path}[]");
        }

        var pattern = SchemaJson.OptionalString(element, "pattern", location) ?? SchemaJson.OptionalString(element, "regex", location);
        if (pattern is not null)
        {
            try
            {
                ValidationPatterns.CheckSyntax(pattern);
            }
            catch (ArgumentException ex)
            {
                throw new SchemaFormatException($"{location}.{(element.TryGetProperty("pattern", out _) ? "pattern" : "regex")}", ex.Message);
            }
        }

        return new FieldDefinition
        {
            Name = name,
            Path = path,
            Kind = kind,
            Required = SchemaJson.OptionalBool(element, "required", location) ?? false,
            Description = SchemaJson.OptionalString(element, "description", location) ?? "",
            Format = SchemaJson.OptionalString(element, "format", location),
            Default = element.TryGetProperty("default", out var defaultElement) ? SchemaJson.Scalar(defaultElement) : null,
            Min = min,
            Max = max,
            MinLength = minLength,
            MaxLength = maxLength,
            Pattern = pattern,
            Values = values,
            Weights = weights,
            TrueProbability = SchemaJson.OptionalNumber(element, "true_probability", location),
            Fields = nested,
            Items = items,
            MinItems = minItems,
            MaxItems = maxItems,
            Semantic = SchemaJson.OptionalString(element, "semantic", location),
            Choices = SchemaJson.StringList(element, "choices", location),
            References = SchemaJson.OptionalString(element, "references", location),
        };
    }

    // Every field name in the schema (nested too), to its own string: a rule then names a field with the very instance
    // the records are keyed by, so looking it up in a record compares references, not characters.
    private static Dictionary<string, string> FieldNames(IReadOnlyList<FieldDefinition> fields, Dictionary<string, string>? names = null)
    {
        names ??= new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            names.TryAdd(field.Name, field.Name);
            FieldNames(field.Fields, names);
            if (field.Items is { } items)
            {
                FieldNames(items.Fields, names);
            }
        }

        return names;
    }

    private static List<DerivationRule> ParseDerivations(JsonElement element, Dictionary<string, string> names)
    {
        string Name(JsonElement item, string property, string location) =>
            SchemaJson.RequiredString(item, property, location) is var text && names.TryGetValue(text, out var own) ? own : text;

        List<string> Names(JsonElement item, string property, string location) =>
            [.. SchemaJson.StringList(item, property, location).Select(text => names.GetValueOrDefault(text, text))];

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new SchemaFormatException("derive", "must be an array of rules");
        }

        var rules = new List<DerivationRule>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var location = $"derive[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new SchemaFormatException(location, "a rule must be an object");
            }

            var kind = SchemaJson.RequiredString(item, "rule", location);
            rules.Add(kind switch
            {
                "sum_of_items" => new SumOfItemsRule(Name(item, "target", location), Name(item, "items", location), Name(item, "quantity", location), Name(item, "price", location)),
                "percent_of" => new PercentOfRule(Name(item, "target", location), Name(item, "base", location), SchemaJson.OptionalNumber(item, "min_percent", location) ?? 0, SchemaJson.OptionalNumber(item, "max_percent", location) ?? 0, SchemaJson.OptionalNumber(item, "zero_probability", location) ?? 0),
                "product" => new ProductRule(Name(item, "target", location), Names(item, "factors", location)),
                "at_most" => new AtMostRule(Name(item, "target", location), Name(item, "limit", location)),
                "sum" => new SumRule(Name(item, "target", location), Names(item, "add", location), Names(item, "subtract", location)),
                "not_before" => new NotBeforeRule(Name(item, "target", location), Name(item, "reference", location), SchemaJson.OptionalNumber(item, "min_gap_hours", location) ?? 0, SchemaJson.OptionalNumber(item, "max_gap_hours", location) ?? 720, SchemaJson.OptionalBool(item, "allow_future", location) ?? false),
                "present_when" => new PresentWhenRule(Name(item, "target", location), Name(item, "field", location), SchemaJson.StringList(item, "values", location)),
                "positive_when" => new PositiveWhenRule(Name(item, "target", location), Name(item, "flag", location)),
                "exactly_one_true" => new ExactlyOneTrueRule(Name(item, "items", location), Name(item, "field", location)),
                _ => throw new SchemaFormatException($"{location}.rule", $"'{kind}' is not a known rule"),
            });
        }

        return rules;
    }
}
