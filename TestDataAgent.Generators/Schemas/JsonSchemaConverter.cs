using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Generators.Schemas;

/// <summary>
/// Converts a caller's JSON Schema (2020-12) document, sent as <c>custom_schema</c>, into an <see cref="EntitySchema"/>
/// used for that request only. Keywords the generators cannot honour are refused with the keyword and its location
/// rather than ignored, so a caller never receives data their own schema rejects without being told.
/// </summary>
/// <remarks>
/// Enums of integers or numbers keep their numeric kind (<see cref="FieldKind.Integer"/> or <see cref="FieldKind.Float"/>):
/// the allowed values go into <see cref="FieldDefinition.Values"/> as invariant-culture strings (<c>"2"</c>, <c>"0.5"</c>),
/// and <see cref="FieldDefinition.Min"/>/<see cref="FieldDefinition.Max"/> are narrowed to the smallest and largest of them,
/// so values stay numbers in the output. Only string enums become <see cref="FieldKind.Enum"/>.
/// Formats only shape strings; on other types they are dropped.
/// </remarks>
public static class JsonSchemaConverter
{
    public const int MaxDocumentBytes = 1024 * 1024;
    public const int MaxProperties = 500;
    public const int MaxDepth = 16;

    // We generate money-like numbers in cents, so an exclusive bound on a number moves by one cent.
    private const double CentStep = 0.01;

    private static readonly JsonDocumentOptions s_documentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 256,
        AllowDuplicateProperties = false,
    };

    private static readonly Dictionary<string, string> s_unsupported = new(StringComparer.Ordinal)
    {
        ["oneOf"] = "pick one alternative and put its keywords on the schema itself",
        ["anyOf"] = "pick one alternative and put its keywords on the schema itself",
        ["allOf"] = "merge the subschemas into one schema",
        ["not"] = "state what is allowed instead (enum, minimum, pattern …)",
        ["if"] = "conditional schemas cannot be generated; use one unconditional schema",
        ["then"] = "conditional schemas cannot be generated; use one unconditional schema",
        ["else"] = "conditional schemas cannot be generated; use one unconditional schema",
        ["patternProperties"] = "list the properties by name under properties",
        ["propertyNames"] = "list the properties by name under properties",
        ["minProperties"] = "list the properties under properties and mark the ones that must appear as required",
        ["maxProperties"] = "list the properties under properties and mark the ones that must appear as required",
        ["dependentRequired"] = "mark the fields required or optional with required",
        ["dependentSchemas"] = "mark the fields required or optional with required",
        ["dependencies"] = "mark the fields required or optional with required",
        ["multipleOf"] = "use enum or minimum/maximum",
        ["contains"] = "describe every item with one items schema",
        ["prefixItems"] = "describe every item with one items schema",
        ["$dynamicRef"] = "use $ref into #/$defs/",
    };

    // Keywords that would have to be intersected with a $ref target; only annotations may sit beside $ref.
    private static readonly string[] s_constraints =
    [
        "type", "properties", "required", "items", "enum", "const", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "minLength", "maxLength", "pattern", "format", "minItems", "maxItems", "uniqueItems",
    ];

    /// <summary>
    /// Converts <paramref name="json"/>; the schema is named <paramref name="entityName"/> when it is not empty,
    /// else after the root <c>title</c>, else <c>custom</c>.
    /// </summary>
    /// <exception cref="SchemaFormatException">The document is not a usable schema; the path says where.</exception>
    public static EntitySchema Convert(string json, string entityName)
    {
        ArgumentNullException.ThrowIfNull(json);
        var bytes = json.Length > MaxDocumentBytes ? json.Length : Encoding.UTF8.GetByteCount(json);
        if (bytes > MaxDocumentBytes)
        {
            throw new SchemaFormatException("", $"is at least {bytes} bytes; a JSON Schema may be at most {MaxDocumentBytes} bytes (1 MiB)");
        }

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
            return new Conversion(document.RootElement).Root(entityName);
        }
    }

    private sealed class Conversion(JsonElement document)
    {
        private readonly List<string> _expanding = [];
        private int _propertyCount;

        public EntitySchema Root(string entityName)
        {
            if (document.ValueKind != JsonValueKind.Object)
            {
                throw new SchemaFormatException("", "the root must be a JSON Schema object with \"type\": \"object\" and \"properties\"");
            }

            var (schema, location) = (document, "");
            RejectUnsupported(schema, location);
            if (schema.TryGetProperty("$ref", out var reference))
            {
                RejectConstraintsBeside(schema, location);
                (schema, location) = Resolve(reference, location);
                _expanding.Add(reference.GetString()!);
                if (schema.ValueKind != JsonValueKind.Object)
                {
                    throw new SchemaFormatException(location, "the root must be a JSON Schema object with \"type\": \"object\" and \"properties\"");
                }

                RejectUnsupported(schema, location);
            }

            if (TypeOf(schema, location).Name != "object")
            {
                throw new SchemaFormatException(At(location, "type"), "the root must have \"type\": \"object\"; a record is an object");
            }

            if (!schema.TryGetProperty("properties", out _))
            {
                throw new SchemaFormatException(At(location, "properties"), "is required at the root: list the record's fields under properties");
            }

            var fields = Properties(schema, location, "", 0);
            if (fields.Count == 0)
            {
                throw new SchemaFormatException(At(location, "properties"), "must list at least one property");
            }

            var title = Text(document, "title", "") ?? Text(schema, "title", location);
            return new EntitySchema
            {
                Name = entityName is { Length: > 0 } ? entityName
                    : title?.Trim() is { Length: > 0 } t ? t.ToLowerInvariant().Replace(' ', '_') : "custom",
                Domain = Text(document, "x-domain", "") ?? "custom",
                Description = Text(document, "description", "") ?? Text(schema, "description", location) ?? "",
                Fields = fields,
            };
        }

        private List<FieldDefinition> Properties(JsonElement schema, string location, string parentPath, int depth)
        {
            var hasProperties = schema.TryGetProperty("properties", out var properties);
            if (hasProperties && properties.ValueKind != JsonValueKind.Object)
            {
                throw new SchemaFormatException(At(location, "properties"), "must be an object mapping property names to schemas");
            }

            var required = RequiredNames(schema, location, hasProperties ? properties : default);
            var fields = new List<FieldDefinition>();
            if (!hasProperties)
            {
                return fields;
            }

            foreach (var property in properties.EnumerateObject())
            {
                var at = $"{At(location, "properties")}.{property.Name}";
                if (property.Name.Length == 0)
                {
                    throw new SchemaFormatException(At(location, "properties"), "property names must not be empty");
                }

                if (++_propertyCount > MaxProperties)
                {
                    throw new SchemaFormatException(at, $"exceeds the limit of {MaxProperties} properties in total (nested and $ref-expanded ones included)");
                }

                var path = parentPath.Length == 0 ? property.Name : $"{parentPath}.{property.Name}";
                fields.Add(Field(property.Name, property.Value, at, path, required.Contains(property.Name), depth + 1));
            }

            return fields;
        }

        private FieldDefinition Field(string name, JsonElement schema, string location, string path, bool required, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new SchemaFormatException(location, $"nests more than {MaxDepth} levels deep (nested objects, array items and $ref hops count); flatten the schema");
            }

            if (schema.ValueKind != JsonValueKind.Object)
            {
                throw new SchemaFormatException(location, "must be a schema object such as {\"type\": \"string\"}; boolean schemas are not supported");
            }

            RejectUnsupported(schema, location);
            if (schema.TryGetProperty("$ref", out var reference))
            {
                RejectConstraintsBeside(schema, location);
                var pointer = reference.ValueKind == JsonValueKind.String ? reference.GetString()! : "";
                var (target, targetLocation) = Resolve(reference, location);
                if (_expanding.Contains(pointer))
                {
                    throw new SchemaFormatException(At(location, "$ref"), $"'{pointer}' refers back to itself ({string.Join(" → ", _expanding)} → {pointer}); recursive schemas are not supported");
                }

                _expanding.Add(pointer);
                var resolved = Field(name, target, targetLocation, path, required, depth + 1);
                _expanding.RemoveAt(_expanding.Count - 1);

                // Annotations beside the $ref describe this use of the definition, so they win.
                return resolved with
                {
                    Description = Text(schema, "description", location) ?? Text(schema, "title", location) ?? resolved.Description,
                    Default = schema.TryGetProperty("default", out var own) ? Scalar(own) : resolved.Default,
                    Semantic = Text(schema, "x-semantic", location) ?? resolved.Semantic,
                };
            }

            var (typeName, nullable) = TypeOf(schema, location);
            var values = AllowedValues(schema, location, typeName, nullable);
            var field = new FieldDefinition
            {
                Name = name,
                Path = path,
                Required = required,
                Description = Text(schema, "description", location) ?? Text(schema, "title", location) ?? "",
                Default = schema.TryGetProperty("default", out var fallback) ? Scalar(fallback) : null,
                Semantic = Text(schema, "x-semantic", location),
            };

            return (typeName ?? InferType(schema, values)) switch
            {
                "integer" => Numeric(field with { Kind = FieldKind.Integer }, schema, location, values),
                "number" => Numeric(field with { Kind = FieldKind.Float }, schema, location, values),
                "boolean" => field with { Kind = FieldKind.Boolean, TrueProbability = Only(values.Select(v => v.GetBoolean()).Distinct()) is { } only ? (only ? 1 : 0) : null },
                "object" => field with { Kind = FieldKind.Object, Fields = Properties(schema, location, path, depth) },
                "array" => Array(field, schema, location, path, depth),
                _ => Textual(field, schema, location, values),
            };
        }

        private static FieldDefinition Textual(FieldDefinition field, JsonElement schema, string location, List<JsonElement> values)
        {
            var minLength = Count(schema, "minLength", location);
            var maxLength = Count(schema, "maxLength", location);
            if (minLength > maxLength)
            {
                throw new SchemaFormatException(At(location, "maxLength"), $"is {maxLength}, below minLength {minLength}; maxLength must be at least minLength");
            }

            var pattern = Text(schema, "pattern", location);
            if (pattern is not null)
            {
                try
                {
                    _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
                }
                catch (ArgumentException ex)
                {
                    throw new SchemaFormatException(At(location, "pattern"), $"is not a valid regular expression ({ex.Message})");
                }
            }

            var format = Text(schema, "format", location);
            if (IdTemplate.IsTemplate(format))
            {
                try
                {
                    IdTemplate.Parse(format!);
                }
                catch (FormatException ex)
                {
                    throw new SchemaFormatException(At(location, "format"), $"looks like an ID template but is not one ({ex.Message})");
                }
            }

            if (values.Count > 0)
            {
                return field with { Kind = FieldKind.Enum, Values = values.Select(v => v.GetString()!).Distinct(StringComparer.Ordinal).ToList() };
            }

            (FieldKind Kind, string? Format) mapped = format switch
            {
                "email" => (FieldKind.Email, null),
                "uuid" => (FieldKind.Uuid, null),
                "date" => (FieldKind.Date, null),
                "date-time" => (FieldKind.DateTime, null),
                "uri" or "url" => (FieldKind.String, "uri"),
                _ => (FieldKind.String, format),
            };

            return field with { Kind = mapped.Kind, Format = mapped.Format, MinLength = minLength, MaxLength = maxLength, Pattern = pattern };
        }

        private static FieldDefinition Numeric(FieldDefinition field, JsonElement schema, string location, List<JsonElement> values)
        {
            var integer = field.Kind == FieldKind.Integer;
            double? min = null, max = null;
            string minAt = location, maxAt = location;
            void Lower(double? bound, string at)
            {
                if (bound is { } b && (min is null || b > min))
                {
                    (min, minAt) = (b, at);
                }
            }

            void Upper(double? bound, string at)
            {
                if (bound is { } b && (max is null || b < max))
                {
                    (max, maxAt) = (b, at);
                }
            }

            Lower(Number(schema, "minimum", location), At(location, "minimum"));
            Upper(Number(schema, "maximum", location), At(location, "maximum"));
            if (Number(schema, "exclusiveMinimum", location) is { } above)
            {
                Lower(integer ? Math.Floor(above) + 1 : above + CentStep, At(location, "exclusiveMinimum"));
            }

            if (Number(schema, "exclusiveMaximum", location) is { } below)
            {
                Upper(integer ? Math.Ceiling(below) - 1 : below - CentStep, At(location, "exclusiveMaximum"));
            }

            var allowed = values.Select(v => v.GetDouble()).ToList();
            if (allowed.Count > 0)
            {
                var at = At(location, schema.TryGetProperty("const", out _) ? "const" : "enum");
                Lower(allowed.Min(), at);
                Upper(allowed.Max(), at);
            }

            if (min > max || (integer && min is { } low && max is { } high && Math.Ceiling(low) > Math.Floor(high)))
            {
                throw new SchemaFormatException(maxAt, $"leaves no valid {(integer ? "integer" : "number")} between the effective minimum {min} and maximum {max} (exclusive bounds applied)");
            }

            return field with { Min = min, Max = max, Values = allowed.Distinct().Select(v => v.ToString(CultureInfo.InvariantCulture)).ToList() };
        }

        private FieldDefinition Array(FieldDefinition field, JsonElement schema, string location, string path, int depth)
        {
            var minItems = Count(schema, "minItems", location);
            var maxItems = Count(schema, "maxItems", location);
            if (minItems > maxItems)
            {
                throw new SchemaFormatException(At(location, "maxItems"), $"is {maxItems}, below minItems {minItems}; maxItems must be at least minItems");
            }

            var unique = Flag(schema, "uniqueItems", location) ?? false;
            var items = schema.TryGetProperty("items", out var itemSchema)
                ? Field("item", itemSchema, At(location, "items"), $"{path}[]", false, depth + 1)
                : null;
            var distinct = items switch
            {
                { Kind: FieldKind.Enum } => items.Values.Count,
                { Kind: FieldKind.Boolean, TrueProbability: null } => 2,
                { Kind: FieldKind.Boolean } => 1,
                _ => int.MaxValue,
            };
            if (unique && minItems > distinct)
            {
                throw new SchemaFormatException(At(location, "minItems"), $"is {minItems}, but uniqueItems allows at most {distinct} different items");
            }

            return field with { Kind = FieldKind.Array, Items = items, MinItems = minItems, MaxItems = maxItems, UniqueItems = unique };
        }

        private static HashSet<string> RequiredNames(JsonElement schema, string location, JsonElement properties)
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
        private static List<JsonElement> AllowedValues(JsonElement schema, string location, string? typeName, bool nullable)
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

        private static string InferType(JsonElement schema, List<JsonElement> values)
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

        private static (string? Name, bool Nullable) TypeOf(JsonElement schema, string location)
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

        private (JsonElement Schema, string Location) Resolve(JsonElement reference, string location)
        {
            var at = At(location, "$ref");
            var pointer = reference.ValueKind == JsonValueKind.String ? reference.GetString()! : "";
            if (!pointer.StartsWith("#/$defs/", StringComparison.Ordinal) && !pointer.StartsWith("#/definitions/", StringComparison.Ordinal))
            {
                throw new SchemaFormatException(at, $"'{pointer}' is not supported; $ref must point into this document's #/$defs/ or #/definitions/ (for example \"#/$defs/Address\")");
            }

            var node = document;
            var segments = pointer[2..].Split('/').Select(s => Uri.UnescapeDataString(s).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
            foreach (var segment in segments)
            {
                if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(segment, out var child))
                {
                    throw new SchemaFormatException(at, $"'{pointer}' does not resolve: there is no definition at that location");
                }

                node = child;
            }

            return (node, string.Join('.', segments));
        }

        private static void RejectUnsupported(JsonElement schema, string location)
        {
            foreach (var property in schema.EnumerateObject())
            {
                if (s_unsupported.TryGetValue(property.Name, out var advice))
                {
                    throw new SchemaFormatException(At(location, property.Name), $"is not supported; the generator cannot guarantee data valid under it ({advice})");
                }
            }
        }

        private static void RejectConstraintsBeside(JsonElement schema, string location)
        {
            foreach (var keyword in s_constraints)
            {
                if (schema.TryGetProperty(keyword, out _))
                {
                    throw new SchemaFormatException(At(location, keyword), "cannot sit beside $ref; move it into the referenced definition (only title, description, default and x-semantic may accompany $ref)");
                }
            }
        }
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

    private static bool? Only(IEnumerable<bool> flags) => flags.ToList() is [var single] ? single : null;

    private static string Article(string word) => word[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a";

    private static object? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when element.TryGetInt64(out var l) => l,
        JsonValueKind.Number => element.GetDouble(),
        _ => null,
    };

    private static string? Text(JsonElement schema, string keyword, string location)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new SchemaFormatException(At(location, keyword), "must be a string");
    }

    private static double? Number(JsonElement schema, string keyword, string location)
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

    private static int? Count(JsonElement schema, string keyword, string location)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.GetDouble() is var d && double.IsInteger(d) && d is >= 0 and <= int.MaxValue
            ? (int)d
            : throw new SchemaFormatException(At(location, keyword), "must be a non-negative integer");
    }

    private static bool? Flag(JsonElement schema, string keyword, string location)
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

    private static string At(string location, string keyword) => location.Length == 0 ? keyword : $"{location}.{keyword}";
}
