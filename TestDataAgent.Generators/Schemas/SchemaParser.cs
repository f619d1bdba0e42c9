using System.Text.Json;

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

        var name = RequiredString(root, "name", "");
        if (!root.TryGetProperty("fields", out var fieldsElement) || fieldsElement.ValueKind != JsonValueKind.Object)
        {
            throw new SchemaFormatException("fields", "is required and must be an object mapping field names to definitions");
        }

        var fields = ParseFields(fieldsElement, "fields", "");
        var schema = new EntitySchema
        {
            Name = name,
            Domain = OptionalString(root, "domain", "") ?? "ecommerce",
            Description = OptionalString(root, "description", "") ?? "",
            PrimaryKey = OptionalString(root, "primary_key", ""),
            Fields = fields,
            CoherenceRules = StringList(root, "coherence_rules", ""),
            Derivations = root.TryGetProperty("derive", out var derive) ? ParseDerivations(derive) : [],
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

        var typeName = OptionalString(element, "type", location) ?? "string";
        if (!FieldKindNames.TryParse(typeName, out var kind))
        {
            throw new SchemaFormatException($"{location}.type", $"'{typeName}' is not one of {string.Join(", ", FieldKindNames.All)}");
        }

        var values = StringList(element, "values", location);
        if (kind == FieldKind.Enum && values.Count == 0)
        {
            throw new SchemaFormatException($"{location}.values", "an enum field needs at least one value");
        }

        var min = OptionalNumber(element, "min", location);
        var max = OptionalNumber(element, "max", location);
        if (min > max)
        {
            throw new SchemaFormatException(location, $"min {min} is greater than max {max}");
        }

        var minLength = OptionalInt(element, "min_length", location);
        var maxLength = OptionalInt(element, "max_length", location);
        if (minLength > maxLength)
        {
            throw new SchemaFormatException(location, $"min_length {minLength} is greater than max_length {maxLength}");
        }

        var minItems = OptionalInt(element, "min_items", location);
        var maxItems = OptionalInt(element, "max_items", location);
        if (minItems > maxItems)
        {
            throw new SchemaFormatException(location, $"min_items {minItems} is greater than max_items {maxItems}");
        }

        var weights = NumberList(element, "weights", location);
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

        return new FieldDefinition
        {
            Name = name,
            Path = path,
            Kind = kind,
            Required = OptionalBool(element, "required", location) ?? false,
            Description = OptionalString(element, "description", location) ?? "",
            Format = OptionalString(element, "format", location),
            Default = element.TryGetProperty("default", out var defaultElement) ? Scalar(defaultElement) : null,
            Min = min,
            Max = max,
            MinLength = minLength,
            MaxLength = maxLength,
            Pattern = OptionalString(element, "pattern", location) ?? OptionalString(element, "regex", location),
            Values = values,
            Weights = weights,
            TrueProbability = OptionalNumber(element, "true_probability", location),
            Fields = nested,
            Items = items,
            MinItems = minItems,
            MaxItems = maxItems,
            Semantic = OptionalString(element, "semantic", location),
            Choices = StringList(element, "choices", location),
        };
    }

    private static List<DerivationRule> ParseDerivations(JsonElement element)
    {
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

            var kind = RequiredString(item, "rule", location);
            rules.Add(kind switch
            {
                "sum_of_items" => new SumOfItemsRule(RequiredString(item, "target", location), RequiredString(item, "items", location), RequiredString(item, "quantity", location), RequiredString(item, "price", location)),
                "percent_of" => new PercentOfRule(RequiredString(item, "target", location), RequiredString(item, "base", location), OptionalNumber(item, "min_percent", location) ?? 0, OptionalNumber(item, "max_percent", location) ?? 0, OptionalNumber(item, "zero_probability", location) ?? 0),
                "product" => new ProductRule(RequiredString(item, "target", location), StringList(item, "factors", location)),
                "at_most" => new AtMostRule(RequiredString(item, "target", location), RequiredString(item, "limit", location)),
                "sum" => new SumRule(RequiredString(item, "target", location), StringList(item, "add", location), StringList(item, "subtract", location)),
                "not_before" => new NotBeforeRule(RequiredString(item, "target", location), RequiredString(item, "reference", location), OptionalNumber(item, "min_gap_hours", location) ?? 0, OptionalNumber(item, "max_gap_hours", location) ?? 720, OptionalBool(item, "allow_future", location) ?? false),
                "present_when" => new PresentWhenRule(RequiredString(item, "target", location), RequiredString(item, "field", location), StringList(item, "values", location)),
                "positive_when" => new PositiveWhenRule(RequiredString(item, "target", location), RequiredString(item, "flag", location)),
                "exactly_one_true" => new ExactlyOneTrueRule(RequiredString(item, "items", location), RequiredString(item, "field", location)),
                _ => throw new SchemaFormatException($"{location}.rule", $"'{kind}' is not a known rule"),
            });
        }

        return rules;
    }

    private static object? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when element.TryGetInt64(out var l) => l,
        JsonValueKind.Number => element.GetDouble(),
        _ => null,
    };

    private static string RequiredString(JsonElement element, string name, string location) =>
        OptionalString(element, name, location) is { Length: > 0 } value
            ? value
            : throw new SchemaFormatException(Join(location, name), "is required and must be a non-empty string");

    private static string? OptionalString(JsonElement element, string name, string location)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new SchemaFormatException(Join(location, name), "must be a string");
    }

    private static bool? OptionalBool(JsonElement element, string name, string location)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new SchemaFormatException(Join(location, name), "must be true or false"),
        };
    }

    private static double? OptionalNumber(JsonElement element, string name, string location)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && double.IsFinite(value.GetDouble())
            ? value.GetDouble()
            : throw new SchemaFormatException(Join(location, name), "must be a finite number");
    }

    private static int? OptionalInt(JsonElement element, string name, string location)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var result) && result >= 0
            ? result
            : throw new SchemaFormatException(Join(location, name), "must be a non-negative integer");
    }

    private static List<string> StringList(JsonElement element, string name, string location)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new SchemaFormatException(Join(location, name), "must be an array of strings");
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new SchemaFormatException(Join(location, name), "must contain only strings"));
        }

        return list;
    }

    private static List<double> NumberList(JsonElement element, string name, string location)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new SchemaFormatException(Join(location, name), "must be an array of numbers");
        }

        var list = new List<double>();
        foreach (var item in value.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.Number && item.GetDouble() >= 0
                ? item.GetDouble()
                : throw new SchemaFormatException(Join(location, name), "must contain only non-negative numbers"));
        }

        return list;
    }

    private static string Join(string location, string name) => location.Length == 0 ? name : $"{location}.{name}";
}
