using System.Globalization;
using TestDataAgent.Api.Health;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Api.Mapping;

/// <summary>Maps domain results back to the wire.</summary>
internal static class ResponseMapper
{
    // preEncoded, for binary gRPC: the records go to the wire as the formatter's UTF-8 (GenerateResponse.Utf8Data); JSON
    // transcoding reads GenerateResponse.Data.
    public static GenerateResponse ToResponse(string requestId, GenerationResult result, bool preEncoded = false)
    {
        var response = new GenerateResponse
        {
            RequestId = requestId,
            Success = true,
            RecordCount = result.RecordCount,
            Metadata = ToMetadata(result.Metadata),
        };
        if (preEncoded)
        {
            response.Utf8Data = result.Utf8Data;
        }
        else
        {
            response.Data = result.Data;
        }

        return response;
    }

    public static GenerateResponse ToError(string requestId, string error) => new()
    {
        RequestId = requestId,
        Success = false,
        Error = error,
    };

    public static GenerationMetadata ToMetadata(GenerationSummary metadata)
    {
        var wire = new GenerationMetadata
        {
            GenerationPath = metadata.Path.ToWireName(),
            RequestedPath = metadata.RequestedPath.ToWireName(),
            RoutingReason = metadata.RoutingReason,
            LlmTokensUsed = metadata.LlmTokensUsed,
            LlmModel = metadata.LlmModel,
            GenerationTimeMs = (float)metadata.GenerationTimeMs,
            CoherenceScore = (float)metadata.CoherenceScore,
            Seed = metadata.Seed,
            ReferenceTime = metadata.ReferenceTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            CacheHit = metadata.CacheHit,
        };
        foreach (var (name, count) in metadata.ScenarioCounts)
        {
            wire.ScenarioCounts[name] = count;
        }

        wire.Warnings.Add(metadata.Warnings);
        return wire;
    }

    public static ValidateDataResponse ToValidateResponse(Generators.Validation.ValidationReport report)
    {
        var response = new ValidateDataResponse
        {
            Valid = report.Valid,
            RecordCount = report.RecordCount,
            InvalidCount = report.InvalidCount,
            CoherenceScore = (float)report.CoherenceScore,
        };
        response.Violations.Add(report.Violations.Select(v => new Violation
        {
            RecordIndex = (int)v.RecordIndex,
            Field = v.Field,
            Rule = v.Rule,
            Message = v.Message,
        }));
        return response;
    }

    public static GetSchemasResponse ToSchemas(IEnumerable<EntitySchema> schemas, Func<EntitySchema, FieldDefinition, string> example)
    {
        var response = new GetSchemasResponse();
        response.Schemas.Add(schemas.Select(s => ToSchemaInfo(s, example)));
        return response;
    }

    /// <summary>A stream chunk whose records go to the wire as the formatter's UTF-8 (<see cref="DataChunk.Utf8Data"/>).</summary>
    public static DataChunk ToChunk(string requestId, StreamChunk chunk) =>
        new() { RequestId = requestId, Utf8Data = chunk.Data, ChunkIndex = chunk.Index, IsFinal = chunk.IsFinal };

    public static HealthCheckResponse ToHealth(HealthSnapshot snapshot)
    {
        var response = new HealthCheckResponse { Status = snapshot.Serving ? "healthy" : "unhealthy" };
        foreach (var (name, state) in snapshot.Components)
        {
            response.Components[name] = state;
        }

        return response;
    }

    private static SchemaInfo ToSchemaInfo(EntitySchema schema, Func<EntitySchema, FieldDefinition, string> example)
    {
        var info = new SchemaInfo { Name = schema.Name, Domain = schema.Domain, Description = schema.Description };
        foreach (var field in schema.Fields)
        {
            info.Fields.Add(new SchemaFieldInfo
            {
                Name = field.Name,
                Type = field.Kind.ToName(),
                Required = field.Required,
                Description = field.Description,
                Example = example(schema, field),
            });
        }

        return info;
    }
}
