using System.Text;
using System.Text.Json;
using static TestDataAgent.Generators.Schemas.JsonSchemaKeywords;

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
    /// <summary>The largest document accepted, in UTF-8 bytes.</summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    /// <summary>The most properties accepted in total, nested and <c>$ref</c>-expanded ones included.</summary>
    public const int MaxProperties = 500;

    /// <summary>The deepest nesting accepted; nested objects, array items and <c>$ref</c> hops each count as a level.</summary>
    public const int MaxDepth = 16;

    private static readonly JsonDocumentOptions s_documentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 256,
        AllowDuplicateProperties = false,
    };

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
            return Root(document.RootElement, entityName);
        }
    }

    private static EntitySchema Root(JsonElement document, string entityName)
    {
        if (document.ValueKind != JsonValueKind.Object)
        {
            throw new SchemaFormatException("", "the root must be a JSON Schema object with \"type\": \"object\" and \"properties\"");
        }

        // One conversion shares the $ref chain and the property budget across the root and every nested field.
        var references = new JsonSchemaReferences(document);
        var reader = new JsonSchemaReader(references);

        var (schema, location) = (document, "");
        JsonSchemaReferences.RejectUnsupported(schema, location);
        if (schema.TryGetProperty("$ref", out var reference))
        {
            JsonSchemaReferences.RejectConstraintsBeside(schema, location);
            (schema, location) = references.Resolve(reference, location);
            references.MarkRootExpanded(reference.GetString()!);
            if (schema.ValueKind != JsonValueKind.Object)
            {
                throw new SchemaFormatException(location, "the root must be a JSON Schema object with \"type\": \"object\" and \"properties\"");
            }

            JsonSchemaReferences.RejectUnsupported(schema, location);
        }

        // A root without "type" that lists properties describes an object (the original's UI sends such schemas).
        var rootType = TypeOf(schema, location).Name ?? (schema.TryGetProperty("properties", out _) ? "object" : null);
        if (rootType != "object")
        {
            throw new SchemaFormatException(At(location, "type"), "the root must have \"type\": \"object\"; a record is an object");
        }

        if (!schema.TryGetProperty("properties", out _))
        {
            throw new SchemaFormatException(At(location, "properties"), "is required at the root: list the record's fields under properties");
        }

        var fields = reader.Properties(schema, location, "", 0);
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
}
