using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Generators.Llm;

/// <summary>
/// Writes a request's schema (its constraints already folded in) for a model: a compact description of every field the
/// model writes — type, required, allowed values, ranges, lengths, patterns, formats, nested fields and items — and the
/// same as a JSON Schema for providers that take structured output. A caller's inline or custom schema is caller-written
/// text: in the description every name, description, allowed value, pattern, format and meaning is cut to
/// <c>Llm:MaxPromptTextChars</c> and neutralised (<see cref="PromptText.Data"/>), and the prompt puts the whole description
/// inside its <c>&lt;schema&gt;</c> block. The JSON is written readable (no <c>\u003C</c> escapes), so what the model reads
/// is what was neutralised. The JSON Schema keeps names and allowed values exact (providers enforce them as given) and
/// neutralises its descriptions.
/// </summary>
internal static class SchemaPromptWriter
{
    // Readable for a model: non-ASCII letters and brackets as themselves, quotes and control characters still escaped.
    private static readonly JsonSerializerOptions s_compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Top-level fields the service sets itself: IDs, timestamps and values derived from other fields.</summary>
    public static HashSet<string> ServiceFields(EntitySchema schema)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        if (schema.PrimaryKey is { } key)
        {
            fields.Add(key);
        }

        foreach (var field in schema.Fields)
        {
            if (IsServiceValue(field))
            {
                fields.Add(field.Name);
            }
        }

        foreach (var rule in schema.Derivations)
        {
            if (rule is SumOfItemsRule or PercentOfRule or ProductRule or SumRule or NotBeforeRule or PresentWhenRule)
            {
                fields.Add(rule.Target);
            }
        }

        return fields;
    }

    /// <summary>IDs (from templates) and timestamps come from the service at any depth: unique, well-formed and ordered.</summary>
    public static bool IsServiceValue(FieldDefinition field) =>
        IdTemplate.IsTemplate(field.Format) || field.Kind is FieldKind.Date or FieldKind.DateTime;

    /// <summary>The fields the model writes, compactly; descriptions cut to <paramref name="maxText"/> characters.</summary>
    public static string Describe(EntitySchema schema, IReadOnlySet<string> serviceFields, int maxText)
    {
        var root = new JsonObject();
        foreach (var field in schema.Fields)
        {
            if (!serviceFields.Contains(field.Name))
            {
                root[PromptText.Data(field.Name, maxText)] = DescribeField(field, maxText);
            }
        }

        return root.ToJsonString(s_compact);
    }

    private static JsonObject DescribeField(FieldDefinition field, int maxText)
    {
        var node = new JsonObject { ["type"] = FieldKindNames.ToName(field.Kind) };
        if (field.Required)
        {
            node["required"] = true;
        }

        if (field.Description.Length > 0)
        {
            node["description"] = PromptText.Data(field.Description, maxText);
        }

        if (field.Values.Count > 0)
        {
            node["values"] = new JsonArray([.. field.Values.Select(v => (JsonNode?)JsonValue.Create(PromptText.Data(v, maxText)))]);
        }

        Add(node, "min", field.Min);
        Add(node, "max", field.Max);
        Add(node, "min_length", field.MinLength);
        Add(node, "max_length", field.MaxLength);
        Add(node, "min_items", field.MinItems);
        Add(node, "max_items", field.MaxItems);
        if (field.Pattern is { Length: > 0 } pattern)
        {
            node["pattern"] = PromptText.Data(pattern, maxText);
        }

        if (field.Format is { Length: > 0 } format && !IdTemplate.IsTemplate(format))
        {
            node["format"] = PromptText.Data(format, maxText);
        }

        if (field.Semantic is { Length: > 0 } semantic)
        {
            node["meaning"] = PromptText.Data(semantic, maxText);
        }

        if (field.Fields.Count > 0)
        {
            var nested = new JsonObject();
            foreach (var child in field.Fields)
            {
                if (!IsServiceValue(child))
                {
                    nested[PromptText.Data(child.Name, maxText)] = DescribeField(child, maxText);
                }
            }

            node["fields"] = nested;
        }

        if (field.Items is { } items)
        {
            node["items"] = DescribeField(items, maxText);
        }

        return node;
    }

    /// <summary>A JSON Schema of <c>{"records": [record, …]}</c> for structured output.</summary>
    public static JsonElement JsonSchema(EntitySchema schema, IReadOnlySet<string> serviceFields, int maxText)
    {
        var record = ObjectSchema(schema.Fields.Where(f => !serviceFields.Contains(f.Name)), maxText);
        var root = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["records"] = new JsonObject { ["type"] = "array", ["items"] = record } },
            ["required"] = new JsonArray("records"),
        };
        return JsonSerializer.SerializeToElement(root, s_compact);
    }

    private static JsonObject ObjectSchema(IEnumerable<FieldDefinition> fields, int maxText)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var field in fields)
        {
            if (IsServiceValue(field))
            {
                continue;
            }

            properties[field.Name] = FieldSchema(field, maxText);
            if (field.Required)
            {
                required.Add(field.Name);
            }
        }

        return new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = required };
    }

    private static JsonObject FieldSchema(FieldDefinition field, int maxText)
    {
        JsonObject node = field.Kind switch
        {
            FieldKind.Integer => new JsonObject { ["type"] = "integer" },
            FieldKind.Float => new JsonObject { ["type"] = "number" },
            FieldKind.Boolean => new JsonObject { ["type"] = "boolean" },
            FieldKind.Object => ObjectSchema(field.Fields, maxText),
            FieldKind.Array => new JsonObject
            {
                ["type"] = "array",
                ["items"] = field.Items is { } items ? FieldSchema(items, maxText) : new JsonObject { ["type"] = "string" },
            },
            _ => new JsonObject { ["type"] = "string" },
        };
        if (field.Kind == FieldKind.Enum && field.Values.Count > 0)
        {
            node["enum"] = new JsonArray([.. field.Values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }

        // Providers that cannot enforce a keyword drop it (Anthropic's client moves it into the description).
        if (field.Kind is FieldKind.Integer or FieldKind.Float)
        {
            Add(node, "minimum", field.Min);
            Add(node, "maximum", field.Max);
        }
        else if (field.Kind == FieldKind.Array)
        {
            Add(node, "minItems", field.MinItems);
            Add(node, "maxItems", field.MaxItems);
        }
        else if (field.Kind is not (FieldKind.Object or FieldKind.Boolean))
        {
            Add(node, "minLength", field.MinLength);
            Add(node, "maxLength", field.MaxLength);
        }

        if (field.Description.Length > 0)
        {
            node["description"] = PromptText.Data(field.Description, maxText);
        }

        return node;
    }

    private static void Add(JsonObject node, string name, double? value)
    {
        if (value is { } v)
        {
            node[name] = v;
        }
    }

    private static void Add(JsonObject node, string name, int? value)
    {
        if (value is { } v)
        {
            node[name] = v;
        }
    }
}
