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
    /// </summary>
    public EntitySchema Resolve(string entity, string domain, string inlineSchema, string customSchema, IReadOnlyList<FieldSpecInput> schemaFields, string predefinedSchema, List<string> warnings)
    {
        var sources = new[] { ("inline_schema", inlineSchema.Length > 0), ("custom_schema", customSchema.Length > 0), ("schema.fields", schemaFields.Count > 0), ("schema.predefined_schema", predefinedSchema.Length > 0) }
            .Where(s => s.Item2).Select(s => s.Item1).ToList();
        if (sources.Count > 1)
        {
            throw new InvalidRequestException(sources[1], $"{string.Join(" and ", sources)} were both sent; send one schema source (entity may name it)");
        }

        var input = new GenerationRequestInput { Entity = entity, Domain = domain, InlineSchema = inlineSchema, CustomSchema = customSchema, PredefinedSchema = predefinedSchema };
        if (schemaFields.Count > 0)
        {
            return SchemaFieldsConverter.Convert(entity, domain, schemaFields, warnings);
        }

        if (input.InlineSchema.Length > 0)
        {
            try
            {
                var inline = SchemaParser.Parse(input.InlineSchema);
                return input.Entity.Length > 0 && input.Entity != inline.Name ? inline with { Name = input.Entity } : inline;
            }
            catch (SchemaFormatException ex)
            {
                var where = ex.Path.Length == 0 ? "inline_schema" : $"inline_schema.{ex.Path}";
                throw new InvalidRequestException(where, $"inline_schema is not a usable schema: {ex.Message}");
            }
        }

        if (input.CustomSchema.Length > 0)
        {
            try
            {
                return JsonSchemaConverter.Convert(input.CustomSchema, input.Entity);
            }
            catch (SchemaFormatException ex)
            {
                var where = ex.Path.Length == 0 ? "custom_schema" : $"custom_schema.{ex.Path}";
                throw new InvalidRequestException(where, $"custom_schema is not a usable JSON Schema: {ex.Message}");
            }
        }

        if (input.PredefinedSchema.Length > 0)
        {
            return registry.TryGet(input.PredefinedSchema, out var predefined)
                ? predefined
                : throw new InvalidRequestException("schema.predefined_schema", $"schema.predefined_schema '{input.PredefinedSchema}' is not a known schema; GetSchemas lists them");
        }

        if (input.Entity.Length == 0)
        {
            throw new InvalidRequestException("entity", "entity is required (or send inline_schema)");
        }

        return registry.TryGet(input.Entity, out var schema)
            ? schema
            : throw new InvalidRequestException("entity", $"entity '{input.Entity}' is not a known schema; GetSchemas lists them");
    }
}
