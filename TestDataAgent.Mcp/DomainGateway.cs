using TestDataAgent.Generators.Datasets;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Mcp;

/// <summary>The domain's entry points, called as they are: what the CLI's <c>testdata mcp</c> serves, and what the api guards.</summary>
public sealed class DomainGateway(RequestPipeline pipeline, SchemaCatalog schemas, DatasetService datasets) : ITestDataGateway
{
    public IReadOnlyList<EntitySchema> ListSchemas(string domain) => schemas.List(domain);

    public string Example(EntitySchema schema, FieldDefinition field) => schemas.Example(schema, field);

    public Task StreamAsync(GenerationRequestInput input, Func<StreamChunk, Task> write, CancellationToken cancellationToken) =>
        pipeline.StreamAsync(input, write, cancellationToken);

    public Task<ValidationReport> ValidateAsync(string data, DataFormat format, string entity, string domain, string inlineSchema,
        IReadOnlyDictionary<string, FieldConstraintInput> constraints, CancellationToken cancellationToken) =>
        Task.FromResult(schemas.Validate(data, format, entity, domain, inlineSchema, "", [], "", constraints));

    public Task<DatasetSummary> StreamDatasetAsync(DatasetRequestInput input, Func<DatasetChunk, Task> write, CancellationToken cancellationToken) =>
        datasets.StreamAsync(input, write, cancellationToken);
}
