using System.Text.Json;

namespace TestDataAgent.Generators.Schemas;

/// <summary>
/// Reads single keywords of a schema object as the type the generators need, refusing a value of the wrong shape
/// with the keyword's path rather than guessing what was meant.
/// </summary>
internal static class JsonSchemaKeywords
{
    public static string? Text(JsonElement schema, string keyword, string location)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new SchemaFormatException(At(location, keyword), "must be a string");
    }

    public static double? Number(JsonElement schema, string keyword, string location)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when double.IsFinite(value.GetDouble()) => value.GetDouble(),
            JsonValueKind.True or JsonValueKind.False => throw new SchemaFormatException(At(location, keyword), $"must be a number; draft-04 boolean bounds are not JSON Schema 2020-12 (give the bound itself, as in \"{keyword}\": 0)"),
            _ => throw new SchemaFormatException(At(location, keyword), "must be a finite number"),
        };
    }

    public static int? Count(JsonElement schema, string keyword, string location)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.GetDouble() is var d && double.IsInteger(d) && d is >= 0 and <= int.MaxValue
            ? (int)d
            : throw new SchemaFormatException(At(location, keyword), "must be a non-negative integer");
    }

    public static bool? Flag(JsonElement schema, string keyword, string location)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new SchemaFormatException(At(location, keyword), "must be true or false"),
        };
    }

    public static string At(string location, string keyword) => location.Length == 0 ? keyword : $"{location}.{keyword}";

    /// <summary>A default value, read as schema files read theirs.</summary>
    public static object? Scalar(JsonElement element) => SchemaJson.Scalar(element);

    public static (string? Name, bool Nullable) TypeOf(JsonElement schema, string location)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return (null, false);
        }

        var at = At(location, "type");
        List<string> names = type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array when type.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String) => type.EnumerateArray().Select(t => t.GetString()!).ToList(),
            _ => throw new SchemaFormatException(at, "must be a type name or an array of type names such as [\"string\", \"null\"]"),
        };

        var unknown = names.FirstOrDefault(n => n is not ("string" or "integer" or "number" or "boolean" or "object" or "array" or "null"));
        if (unknown is not null)
        {
            throw new SchemaFormatException(at, $"'{unknown}' is not a JSON Schema type; expected string, integer, number, boolean, object or array");
        }

        var concrete = names.Where(n => n != "null").Distinct(StringComparer.Ordinal).ToList();
        return concrete.Count switch
        {
            0 => throw new SchemaFormatException(at, "allows only null, so the field could never have a value; give a type such as [\"string\", \"null\"]"),
            1 => (concrete[0], names.Contains("null")),
            _ => throw new SchemaFormatException(at, $"unions of several types ({string.Join(", ", concrete)}) are not supported; give one type, optionally with \"null\""),
        };
    }

    public static HashSet<string> RequiredNames(JsonElement schema, string location, JsonElement properties)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!schema.TryGetProperty("required", out var required))
        {
            return names;
        }

        if (required.ValueKind != JsonValueKind.Array)
        {
            throw new SchemaFormatException(At(location, "required"), "must be an array of property names");
        }

        var index = 0;
        foreach (var item in required.EnumerateArray())
        {
            var at = $"{At(location, "required")}[{index++}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new SchemaFormatException(at, "must be a property name (a string)");
            }

            var name = item.GetString()!;
            if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(name, out _))
            {
                throw new SchemaFormatException(at, $"names '{name}', which is not under properties; every required name must be a property");
            }

            names.Add(name);
        }

        return names;
    }

    /// <summary>The non-null values of <c>enum</c> or <c>const</c>, checked against each other and against <c>type</c>.</summary>
    public static List<JsonElement> AllowedValues(JsonElement schema, string location, string? typeName, bool nullable)
    {
        var candidates = new List<(JsonElement Value, string At)>();
        var keyword = "enum";
        if (schema.TryGetProperty("enum", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                throw new SchemaFormatException(At(location, "enum"), "must be a non-empty array of allowed values");
            }

            if (schema.TryGetProperty("const", out _))
            {
                throw new SchemaFormatException(At(location, "const"), "cannot be combined with enum; keep one of them");
            }

            candidates.AddRange(list.EnumerateArray().Select((v, i) => (v, $"{At(location, "enum")}[{i}]")));
        }
        else if (schema.TryGetProperty("const", out var constant))
        {
            keyword = "const";
            candidates.Add((constant, At(location, "const")));
        }

        var values = new List<JsonElement>();
        string? category = null;
        foreach (var (value, at) in candidates)
        {
            var kind = JsonTypeOf(value);
            if (kind == "null")
            {
                if (typeName is not null && !nullable)
                {
                    throw new SchemaFormatException(at, $"is null, which contradicts type '{typeName}'; add \"null\" to type to allow it");
                }

                continue;
            }

            if (kind is "object" or "array")
            {
                throw new SchemaFormatException(at, $"is {Article(kind)} {kind}; only strings, numbers and booleans are supported as allowed values");
            }

            if (typeName is not null && !(kind == typeName || (typeName == "number" && kind == "integer")))
            {
                throw new SchemaFormatException(at, $"is {value.GetRawText()}, {Article(kind)} {kind} value, which contradicts type '{typeName}'");
            }

            var family = kind == "integer" ? "number" : kind;
            if (category is not null && family != category)
            {
                throw new SchemaFormatException(at, $"is {value.GetRawText()}, which mixes {family} and {category} values; all allowed values must have one type");
            }

            category = family;
            values.Add(value);
        }

        if (candidates.Count > 0 && values.Count == 0)
        {
            throw new SchemaFormatException(At(location, keyword), "allows only null, so the field could never have a value; allow at least one non-null value");
        }

        return values;
    }

    public static string InferType(JsonElement schema, List<JsonElement> values)
    {
        if (values.Count > 0)
        {
            var kind = JsonTypeOf(values[0]);
            return kind is "integer" or "number" ? (values.All(v => JsonTypeOf(v) == "integer") ? "integer" : "number") : kind;
        }

        bool Has(params string[] keywords) => keywords.Any(k => schema.TryGetProperty(k, out _));
        return Has("properties", "required") ? "object"
            : Has("items", "minItems", "maxItems", "uniqueItems") ? "array"
            : Has("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum") ? "number"
            : "string";
    }

    private static string JsonTypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => double.IsInteger(value.GetDouble()) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        _ => "null",
    };

    private static string Article(string word) => word[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a";
}
