using System.Text.Json;

namespace TestDataAgent.Generators.Schemas;

/// <summary>
/// Tells which format a schema document is written in, by its root keywords, so <c>inline_schema</c> and
/// <c>custom_schema</c> each accept both (the original's UI sends JSON Schema in <c>inline_schema</c>).
/// </summary>
/// <remarks>
/// The rule, first match wins: <c>$schema</c> at the root means JSON Schema; <c>fields</c> means our format, unless a
/// JSON Schema keyword stands beside it (then the document is ambiguous and refused); one of
/// <see cref="JsonSchemaMarkers"/> means JSON Schema; anything else is refused, naming both formats.
/// </remarks>
public static class SchemaFormatDetector
{
    /// <summary>Root keywords that mark a JSON Schema document (a record schema has at least one of them).</summary>
    public static readonly IReadOnlyList<string> JsonSchemaMarkers =
    [
        "type", "properties", "$ref", "$defs", "definitions", "allOf", "anyOf", "oneOf", "not", "if", "required",
        "patternProperties", "additionalProperties", "$id",
    ];

    private static readonly JsonDocumentOptions s_options = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };

    /// <exception cref="SchemaFormatException">The text is not a JSON object, or its format cannot be told.</exception>
    public static SchemaDocumentFormat Detect(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, s_options);
        }
        catch (JsonException ex)
        {
            throw new SchemaFormatException("", $"is not valid JSON ({ex.Message})");
        }

        using (document)
        {
            return Detect(document.RootElement);
        }
    }

    /// <exception cref="SchemaFormatException">The element is not an object, or its format cannot be told.</exception>
    public static SchemaDocumentFormat Detect(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new SchemaFormatException("", $"must be a JSON object, not {root.ValueKind.ToString().ToLowerInvariant()}: our schema format ({{\"name\": …, \"fields\": {{…}}}}) or a JSON Schema ({{\"type\": \"object\", \"properties\": {{…}}}})");
        }

        if (root.TryGetProperty("$schema", out _))
        {
            return SchemaDocumentFormat.JsonSchema;
        }

        var marker = JsonSchemaMarkers.FirstOrDefault(k => root.TryGetProperty(k, out _));
        if (root.TryGetProperty("fields", out _))
        {
            return marker is null
                ? SchemaDocumentFormat.Own
                : throw new SchemaFormatException("", $"has both \"fields\" (our schema format) and \"{marker}\" (JSON Schema), so its format is ambiguous; send one format, or add \"$schema\" to mark a JSON Schema");
        }

        return marker is not null
            ? SchemaDocumentFormat.JsonSchema
            : throw new SchemaFormatException("", "is in neither accepted format: our schema format has \"fields\" ({\"name\": …, \"fields\": {…}}), "
                + $"a JSON Schema has \"$schema\" or one of {string.Join(", ", JsonSchemaMarkers.Take(8))} … ({{\"type\": \"object\", \"properties\": {{…}}}})");
    }
}
