using System.Text;
using System.Text.Json;
using Json.Schema;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Validation;

/// <summary>
/// Builds a caller's JSON Schema for <c>ValidateData</c> with JsonSchema.Net, a spec-complete validator (every keyword of
/// drafts 6, 7, 2019-09 and 2020-12; 2020-12 when <c>$schema</c> is absent), within <see cref="ValidationOptions"/>.
/// </summary>
/// <remarks>
/// Each schema gets its own registries, so a caller's <c>$id</c> never enters a process-wide registry and two callers'
/// schemas never meet. Build and evaluation recurse as deep as the schema; run them inside <see cref="LargeStack"/>.
/// </remarks>
public sealed class JsonSchemaValidator(IOptions<ValidationOptions> options)
{
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 256, CommentHandling = JsonCommentHandling.Skip };

    private static readonly Dialect[] s_dialects = [Dialect.Draft06, Dialect.Draft07, Dialect.Draft201909, Dialect.Draft202012, Dialect.V1, Dialect.V1_2026];

    // A base URI of our own for schemas without $id; nothing is ever fetched from it.
    private static readonly Uri s_baseUri = new("https://testdata.invalid/request-schema.json");

    /// <exception cref="InvalidRequestException">The document is not a usable JSON Schema or breaks a limit; the message names the field and the setting.</exception>
    public CompiledJsonSchema Compile(SchemaDocument document)
    {
        var limits = options.Value;
        var field = document.Field;
        var bytes = document.Text.Length > JsonSchemaConverter.MaxDocumentBytes ? document.Text.Length : Encoding.UTF8.GetByteCount(document.Text);
        if (bytes > JsonSchemaConverter.MaxDocumentBytes)
        {
            throw new InvalidRequestException(field, $"{field} is at least {bytes} bytes; a JSON Schema may be at most {JsonSchemaConverter.MaxDocumentBytes} bytes (1 MiB)");
        }

        JsonElement root;
        try
        {
            using var parsed = JsonDocument.Parse(document.Text, s_documentOptions);
            root = parsed.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new InvalidRequestException(field, $"{field} is not valid JSON ({ex.Message})");
        }

        var (nodes, patterns) = Count(root);
        if (nodes > limits.JsonSchemaMaxNodes)
        {
            throw new InvalidRequestException(field, $"{field} has {nodes} subschemas (JSON objects); the limit is {limits.JsonSchemaMaxNodes} (the setting Validation:JsonSchemaMaxNodes)");
        }

        if (patterns > limits.JsonSchemaMaxPatterns)
        {
            throw new InvalidRequestException(field, $"{field} has {patterns} regular expressions (pattern, patternProperties); the limit is {limits.JsonSchemaMaxPatterns} (the setting Validation:JsonSchemaMaxPatterns)");
        }

        JsonSchema schema;
        try
        {
            schema = JsonSchema.Build(root, new BuildOptions
            {
                SchemaRegistry = new Json.Schema.SchemaRegistry(),
                DialectRegistry = new DialectRegistry(),
                Dialect = DialectOf(root),
            }, s_baseUri);
        }
        catch (Exception ex) when (ex is JsonSchemaException or ArgumentException or FormatException or InvalidOperationException)
        {
            throw new InvalidRequestException(field, $"{field} is not a usable JSON Schema: {ex.Message}");
        }

        JsonSchemaGraph.Prepare(schema, limits, field);
        return new CompiledJsonSchema(schema, root, field, limits.JsonSchemaPatternTimeoutMilliseconds);
    }

    /// <summary>
    /// The draft the root's <c>$schema</c> names (2020-12 without one). JsonSchema.Net switches keywords on <c>$schema</c>
    /// but takes the root's <c>$ref</c> rule (draft 7 and earlier ignore keywords beside <c>$ref</c>) from the dialect it starts with.
    /// </summary>
    private static Dialect DialectOf(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("$schema", out var named) && named.ValueKind == JsonValueKind.String
            && Uri.TryCreate(named.GetString(), UriKind.Absolute, out var uri))
        {
            var id = uri.AbsoluteUri.TrimEnd('#');
            foreach (var dialect in s_dialects)
            {
                if (dialect.Id is { } known && known.AbsoluteUri.TrimEnd('#') == id)
                {
                    return dialect;
                }
            }
        }

        return Dialect.Draft202012;
    }

    /// <summary>The JSON objects in the document and the regular expressions it can hold, counted without recursion.</summary>
    private static (int Nodes, int Patterns) Count(JsonElement root)
    {
        var (nodes, patterns) = (0, 0);
        var pending = new Stack<JsonElement>([root]);
        while (pending.TryPop(out var element))
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    pending.Push(item);
                }
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            nodes++;
            foreach (var property in element.EnumerateObject())
            {
                patterns += property.Name switch
                {
                    "pattern" when property.Value.ValueKind == JsonValueKind.String => 1,
                    "patternProperties" when property.Value.ValueKind == JsonValueKind.Object => property.Value.EnumerateObject().Count(),
                    _ => 0,
                };
                pending.Push(property.Value);
            }
        }

        return (nodes, patterns);
    }
}
