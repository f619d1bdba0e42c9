using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Validation;

/// <summary>
/// A caller's JSON Schema, built and checked by <see cref="JsonSchemaValidator"/>, that validates records by the
/// specification. Built per call and never shared, so nothing of one caller's schema outlives their call.
/// </summary>
public sealed class CompiledJsonSchema
{
    private static readonly JsonDocumentOptions s_recordOptions = new() { MaxDepth = 256 };

    // Format assertion on: a caller who writes "format": "email" means it (unknown formats still pass, as the specification
    // allows). Per schema rather than shared, so no two calls ever touch the same options object.
    private readonly EvaluationOptions _flag = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true, Culture = CultureInfo.InvariantCulture };
    private readonly EvaluationOptions _details = new() { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true, Culture = CultureInfo.InvariantCulture };

    private readonly JsonSchema _schema;
    private readonly JsonElement _document;
    private readonly int _patternTimeoutMilliseconds;

    internal CompiledJsonSchema(JsonSchema schema, JsonElement document, string field, int patternTimeoutMilliseconds) =>
        (_schema, _document, Field, _patternTimeoutMilliseconds) = (schema, document, field, patternTimeoutMilliseconds);

    /// <summary>The request field the schema came in (<c>inline_schema</c> or <c>custom_schema</c>).</summary>
    public string Field { get; }

    /// <summary>
    /// Every way <paramref name="record"/> breaks the schema; the fields our generators add (<c>_index</c>, <c>_scenario</c>,
    /// <c>_pattern</c>) are left out first, so <c>additionalProperties: false</c> does not refuse them.
    /// </summary>
    /// <exception cref="InvalidRequestException">The schema cannot be evaluated (an unresolvable <c>$ref</c>, a pattern over its time limit).</exception>
    public IReadOnlyList<RuleViolation> Validate(DataRecord record, long index)
    {
        using var instance = JsonDocument.Parse(Serialize(record), s_recordOptions);
        try
        {
            return _schema.Evaluate(instance.RootElement, _flag).IsValid
                ? []
                : JsonSchemaViolations.Collect(_schema.Evaluate(instance.RootElement, _details), instance.RootElement, index);
        }
        catch (RegexMatchTimeoutException ex)
        {
            throw new InvalidRequestException(Field, $"{Field}: the pattern '{ex.Pattern}' took more than {_patternTimeoutMilliseconds} ms on record {index}; "
                + "patterns with lookarounds or backreferences run on a backtracking engine with that limit (the setting Validation:JsonSchemaPatternTimeoutMilliseconds); simplify the pattern");
        }
        catch (JsonSchemaException ex)
        {
            throw new InvalidRequestException(Field, $"{Field} cannot be evaluated: {ex.Message} (only references into the schema itself and the official meta-schemas are followed)");
        }
    }

    /// <summary>The kind a CSV cell of the top-level property <paramref name="name"/> is read as, from its <c>type</c> (a local <c>$ref</c> followed).</summary>
    public FieldKind KindOf(string name)
    {
        if (!_document.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(name, out var property))
        {
            return FieldKind.String;
        }

        for (var hops = 0; hops < 8 && property.ValueKind == JsonValueKind.Object && property.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String; hops++)
        {
            if (Resolve(reference.GetString()!) is not { } target)
            {
                break;
            }

            property = target;
        }

        var type = property.ValueKind == JsonValueKind.Object && property.TryGetProperty("type", out var t) ? t : default;
        var names = type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => type.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!).ToList(),
            _ => new List<string>(),
        };
        return names.FirstOrDefault(n => n != "null") switch
        {
            "integer" => FieldKind.Integer,
            "number" => FieldKind.Float,
            "boolean" => FieldKind.Boolean,
            "object" => FieldKind.Object,
            "array" => FieldKind.Array,
            _ => FieldKind.String,
        };
    }

    private JsonElement? Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        var node = _document;
        foreach (var segment in reference[2..].Split('/').Select(s => Uri.UnescapeDataString(s).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(segment, out node))
            {
                return null;
            }
        }

        return node;
    }

    private static ReadOnlyMemory<byte> Serialize(DataRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, RecordJson.WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in record)
            {
                if (name is not (DataRecord.IndexField or DataRecord.ScenarioField or Rag.RagGenerator.PatternField))
                {
                    writer.WritePropertyName(name);
                    RecordJson.WriteValue(writer, value);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
