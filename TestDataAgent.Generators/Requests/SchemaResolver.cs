using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Requests;

/// <summary>
/// The schema a request names, by one precedence for generation and <c>ValidateData</c> alike, or an
/// <see cref="InvalidRequestException"/> naming the source that is wrong.
/// </summary>
public sealed class SchemaResolver(ISchemaRegistry registry)
{
    /// <summary>
    /// The schema a request names, by one precedence: <c>inline_schema</c>, <c>custom_schema</c>, <c>schema.fields</c>,
    /// <c>schema.predefined_schema</c>, <c>entity</c>. Two of the first four at once contradict each other and are refused.
    /// <c>inline_schema</c> and <c>custom_schema</c> may each be in our format or JSON Schema (<see cref="SchemaFormatDetector"/>).
    /// </summary>
    public EntitySchema Resolve(string entity, string domain, string inlineSchema, string customSchema, IReadOnlyList<FieldSpecInput> schemaFields, string predefinedSchema, List<string> warnings)
    {
        EnsureOneSource(inlineSchema, customSchema, schemaFields, predefinedSchema);
        if (schemaFields.Count > 0)
        {
            return SchemaFieldsConverter.Convert(entity, domain, schemaFields, warnings);
        }

        if (Document(inlineSchema, customSchema) is { } document)
        {
            return document.Format == SchemaDocumentFormat.JsonSchema ? ConvertJsonSchema(document, entity) : ParseOwn(document, entity);
        }

        if (predefinedSchema.Length > 0)
        {
            return registry.TryGet(predefinedSchema, out var predefined)
                ? predefined
                : throw new InvalidRequestException("schema.predefined_schema", $"schema.predefined_schema '{Echo.Quote(predefinedSchema)}' is not a known schema; GetSchemas lists them");
        }

        if (entity.Length == 0)
        {
            throw new InvalidRequestException("entity", "entity is required (or send inline_schema)");
        }

        return registry.TryGet(entity, out var schema)
            ? schema
            : throw new InvalidRequestException("entity", $"entity '{Echo.Quote(entity)}' is not a known schema; GetSchemas lists them");
    }

    /// <summary>
    /// The request's own schema document (<c>inline_schema</c>, else <c>custom_schema</c>) and the format it is written in,
    /// or <see langword="null"/> when the request sends neither.
    /// </summary>
    public static SchemaDocument? Document(string inlineSchema, string customSchema)
    {
        var (field, text) = inlineSchema.Length > 0 ? ("inline_schema", inlineSchema) : ("custom_schema", customSchema);
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return new SchemaDocument(field, text, SchemaFormatDetector.Detect(text));
        }
        catch (SchemaFormatException ex)
        {
            throw new InvalidRequestException(field, $"{field} {ex.Message}");
        }
    }

    /// <summary>Converts a JSON Schema document for generation; keywords the generator cannot honour are refused, named.</summary>
    public static EntitySchema ConvertJsonSchema(SchemaDocument document, string entity)
    {
        try
        {
            return JsonSchemaConverter.Convert(document.Text, entity);
        }
        catch (SchemaFormatException ex)
        {
            throw new InvalidRequestException(At(document.Field, ex.Path), $"{document.Field} is not a usable JSON Schema: {ex.Message}");
        }
    }

    /// <summary>Refuses two schema sources at once, naming the second.</summary>
    public static void EnsureOneSource(string inlineSchema, string customSchema, IReadOnlyList<FieldSpecInput> schemaFields, string predefinedSchema)
    {
        var sources = new[] { ("inline_schema", inlineSchema.Length > 0), ("custom_schema", customSchema.Length > 0), ("schema.fields", schemaFields.Count > 0), ("schema.predefined_schema", predefinedSchema.Length > 0) }
            .Where(s => s.Item2).Select(s => s.Item1).ToList();
        if (sources.Count > 1)
        {
            throw new InvalidRequestException(sources[1], $"{string.Join(" and ", sources)} were both sent; send one schema source (entity may name it)");
        }
    }

    private static EntitySchema ParseOwn(SchemaDocument document, string entity)
    {
        try
        {
            var own = SchemaParser.Parse(document.Text);
            return entity.Length > 0 && entity != own.Name ? own with { Name = entity } : own;
        }
        catch (SchemaFormatException ex)
        {
            throw new InvalidRequestException(At(document.Field, ex.Path), $"{document.Field} is not a usable schema: {ex.Message}");
        }
    }

    private static string At(string field, string path) => path.Length == 0 ? field : $"{field}.{path}";
}
