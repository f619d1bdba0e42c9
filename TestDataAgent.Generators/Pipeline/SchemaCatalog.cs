using Microsoft.Extensions.Logging;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Generators.Pipeline;

/// <summary>
/// What the service knows of schemas, for <c>GetSchemas</c> and <c>ValidateData</c>: the registry's schemas with a real
/// example per field, and a caller's records checked against a schema resolved by the same rules as generation.
/// </summary>
public sealed partial class SchemaCatalog(ISchemaRegistry registry, SchemaResolver resolver, DataValidationService validation, TraditionalExamples examples,
    ILogger<SchemaCatalog> logger)
{
    /// <summary>The schemas of <paramref name="domain"/>, or all of them when it is empty.</summary>
    public IReadOnlyList<EntitySchema> List(string domain) => registry.List(domain);

    /// <summary>A value the service really produces for <paramref name="field"/> (fixed seed, so stable across calls).</summary>
    public string Example(EntitySchema schema, FieldDefinition field) => examples.For(schema, field);

    /// <summary>
    /// Validates <paramref name="data"/> (JSON array, NDJSON or CSV) against the schema the request names, with its
    /// constraints folded in. A JSON Schema source (<c>custom_schema</c>, or <c>inline_schema</c> written as JSON Schema)
    /// is checked by the specification, whatever keywords it uses. Throws <see cref="InvalidRequestException"/> for a bad
    /// schema source or unreadable data.
    /// </summary>
    public ValidationReport Validate(string data, DataFormat format, string entity, string domain, string inlineSchema, string customSchema,
        IReadOnlyList<FieldSpecInput> schemaFields, string predefinedSchema, IReadOnlyDictionary<string, FieldConstraintInput> constraints)
    {
        try
        {
            SchemaResolver.EnsureOneSource(inlineSchema, customSchema, schemaFields, predefinedSchema);
            if (schemaFields.Count == 0 && SchemaResolver.Document(inlineSchema, customSchema) is { Format: SchemaDocumentFormat.JsonSchema } document)
            {
                var readable = Readable(document, entity, constraints);
                return Checked(() => validation.Validate(data, format, document, readable, [.. constraints.Keys]));
            }

            var schema = ConstraintApplier.Apply(resolver.Resolve(entity, domain, inlineSchema, customSchema, schemaFields, predefinedSchema, []), constraints);
            return Checked(() => validation.Validate(data, format, schema));
        }
        catch (InvalidRequestException ex)
        {
            LogRejected(ex.Field, ex.Message);
            throw;
        }
    }

    /// <summary>
    /// The JSON Schema as the generator reads it, with the constraints folded in, for the checks the specification does
    /// not make (constraints, coherence rules); <see langword="null"/> when the generator cannot read it and no constraint
    /// needs it. Constraints on a schema the generator cannot read are refused: they could not be checked.
    /// </summary>
    private static EntitySchema? Readable(SchemaDocument document, string entity, IReadOnlyDictionary<string, FieldConstraintInput> constraints)
    {
        EntitySchema readable;
        try
        {
            readable = SchemaResolver.ConvertJsonSchema(document, entity);
        }
        catch (InvalidRequestException) when (constraints.Count == 0)
        {
            // Keywords the generator cannot honour (oneOf, if …) are what the specification's validator is for.
            return null;
        }
        catch (InvalidRequestException ex)
        {
            throw new InvalidRequestException("constraints", $"constraints can be checked only against a JSON Schema the generator reads, and {ex.Message}; put the constraint into the schema instead");
        }

        return ConstraintApplier.Apply(readable, constraints);
    }

    private static ValidationReport Checked(Func<ValidationReport> validate)
    {
        try
        {
            return validate();
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidRequestException("data", ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rejected ValidateData: {Field}: {Reason}")]
    private partial void LogRejected(string field, string reason);
}
