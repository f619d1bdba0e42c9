using System.Globalization;
using System.Text.Json;
using TestDataAgent.Generators.Traditional;
using TestDataAgent.Generators.Validation;
using static TestDataAgent.Generators.Schemas.JsonSchemaKeywords;

namespace TestDataAgent.Generators.Schemas;

/// <summary>
/// Maps one conversion's property schemas to <see cref="FieldDefinition"/>s, keyword by keyword; one instance per document,
/// because the property budget spans the whole document.
/// </summary>
internal sealed class JsonSchemaReader(JsonSchemaReferences references)
{
    // We generate money-like numbers in cents, so an exclusive bound on a number moves by one cent.
    private const double CentStep = 0.01;

    private int _propertyCount;

    public List<FieldDefinition> Properties(JsonElement schema, string location, string parentPath, int depth)
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

            if (++_propertyCount > JsonSchemaConverter.MaxProperties)
            {
                throw new SchemaFormatException(at, $"exceeds the limit of {JsonSchemaConverter.MaxProperties} properties in total (nested and $ref-expanded ones included)");
            }

            var path = parentPath.Length == 0 ? property.Name : $"{parentPath}.{property.Name}";
            fields.Add(Field(property.Name, property.Value, at, path, required.Contains(property.Name), depth + 1));
        }

        return fields;
    }

    private FieldDefinition Field(string name, JsonElement schema, string location, string path, bool required, int depth)
    {
        JsonSchemaReferences.EnsureWithinDepth(depth, location);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new SchemaFormatException(location, "must be a schema object such as {\"type\": \"string\"}; boolean schemas are not supported");
        }

        JsonSchemaReferences.RejectUnsupported(schema, location);
        if (schema.TryGetProperty("$ref", out var reference))
        {
            JsonSchemaReferences.RejectConstraintsBeside(schema, location);
            var pointer = reference.ValueKind == JsonValueKind.String ? reference.GetString()! : "";
            var (target, targetLocation) = references.Resolve(reference, location);
            references.Enter(pointer, location);
            var resolved = Field(name, target, targetLocation, path, required, depth + 1);
            references.Leave();

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
            References = Text(schema, "x-references", location),
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
                ValidationPatterns.CheckSyntax(pattern);
            }
            catch (ArgumentException ex)
            {
                throw new SchemaFormatException(At(location, "pattern"), ex.Message);
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

    private static bool? Only(IEnumerable<bool> flags) => flags.ToList() is [var single] ? single : null;
}
