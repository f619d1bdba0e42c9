using System.Text.Json;
using static TestDataAgent.Generators.Schemas.JsonSchemaKeywords;

namespace TestDataAgent.Generators.Schemas;

/// <summary>
/// Follows <c>$ref</c> pointers into one document's <c>$defs</c> and guards the expansion: a chain that comes back to
/// a definition it is already expanding, or that nests too deep, is refused rather than expanded forever.
/// </summary>
internal sealed class JsonSchemaReferences(JsonElement document)
{
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

    private readonly List<string> _expanding = [];

    public static void EnsureWithinDepth(int depth, string location)
    {
        if (depth > JsonSchemaConverter.MaxDepth)
        {
            throw new SchemaFormatException(location, $"nests more than {JsonSchemaConverter.MaxDepth} levels deep (nested objects, array items and $ref hops count); flatten the schema");
        }
    }

    public static void RejectUnsupported(JsonElement schema, string location)
    {
        foreach (var property in schema.EnumerateObject())
        {
            if (s_unsupported.TryGetValue(property.Name, out var advice))
            {
                throw new SchemaFormatException(At(location, property.Name), $"is not supported; the generator cannot guarantee data valid under it ({advice})");
            }
        }
    }

    public static void RejectConstraintsBeside(JsonElement schema, string location)
    {
        foreach (var keyword in s_constraints)
        {
            if (schema.TryGetProperty(keyword, out _))
            {
                throw new SchemaFormatException(At(location, keyword), "cannot sit beside $ref; move it into the referenced definition (only title, description, default and x-semantic may accompany $ref)");
            }
        }
    }

    public (JsonElement Schema, string Location) Resolve(JsonElement reference, string location)
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

    // The root's own $ref starts the chain, so a field pointing back at the root's definition is caught as a cycle.
    public void MarkRootExpanded(string pointer) => _expanding.Add(pointer);

    public void Enter(string pointer, string location)
    {
        if (_expanding.Contains(pointer))
        {
            throw new SchemaFormatException(At(location, "$ref"), $"'{pointer}' refers back to itself ({string.Join(" → ", _expanding)} → {pointer}); recursive schemas are not supported");
        }

        _expanding.Add(pointer);
    }

    public void Leave() => _expanding.RemoveAt(_expanding.Count - 1);
}
