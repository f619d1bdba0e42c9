using TestDataAgent.Generators.Datasets;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Mcp;

/// <summary>
/// What the MCP tools call: the domain's own entry points (<see cref="RequestPipeline"/>, <see cref="DatasetService"/>,
/// <see cref="SchemaCatalog"/>). Embedded (the CLI) it is <see cref="DomainGateway"/>; the api wraps that with the caller's
/// scopes, quotas and admission, as its gRPC interceptors do. Refusals are <see cref="ModelContextProtocol.McpException"/>s
/// whose message the agent reads; a bad request is <see cref="InvalidRequestException"/>.
/// </summary>
public interface ITestDataGateway
{
    /// <summary>The built-in entities of <paramref name="domain"/> (every domain when empty).</summary>
    IReadOnlyList<EntitySchema> ListSchemas(string domain);

    /// <summary>An example value of <paramref name="field"/>, as <c>GetSchemas</c> shows it.</summary>
    string Example(EntitySchema schema, FieldDefinition field);

    /// <summary>Streams records as <see cref="RequestPipeline.StreamAsync"/> does.</summary>
    Task StreamAsync(GenerationRequestInput input, Func<StreamChunk, Task> write, CancellationToken cancellationToken);

    /// <summary>Validates records (a JSON array, NDJSON or CSV) as <c>ValidateData</c> does.</summary>
    Task<ValidationReport> ValidateAsync(string data, DataFormat format, string entity, string domain, string inlineSchema,
        IReadOnlyDictionary<string, FieldConstraintInput> constraints, CancellationToken cancellationToken);

    /// <summary>Streams a dataset as <see cref="DatasetService.StreamAsync"/> does.</summary>
    Task<DatasetSummary> StreamDatasetAsync(DatasetRequestInput input, Func<DatasetChunk, Task> write, CancellationToken cancellationToken);
}
