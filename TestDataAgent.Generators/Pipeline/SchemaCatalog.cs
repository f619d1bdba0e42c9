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
    /// constraints folded in. Throws <see cref="InvalidRequestException"/> for a bad schema source or unreadable data.
    /// </summary>
    public ValidationReport Validate(string data, DataFormat format, string entity, string domain, string inlineSchema, string customSchema,
        IReadOnlyList<FieldSpecInput> schemaFields, string predefinedSchema, IReadOnlyDictionary<string, FieldConstraintInput> constraints)
    {
        try
        {
            var schema = ConstraintApplier.Apply(resolver.Resolve(entity, domain, inlineSchema, customSchema, schemaFields, predefinedSchema, []), constraints);
            try
            {
                return validation.Validate(data, format, schema);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidRequestException("data", ex.Message);
            }
        }
        catch (InvalidRequestException ex)
        {
            LogRejected(ex.Field, ex.Message);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected ValidateData: {Field}: {Reason}")]
    private partial void LogRejected(string field, string reason);
}
