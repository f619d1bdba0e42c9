using System.Diagnostics;
using Grpc.Core;
using TestDataAgent.Api.Health;
using TestDataAgent.Api.Mapping;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Caching;
using TestDataAgent.Generators.Observability;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Api.Services;

/// <summary>
/// The <c>testdata.v1.TestDataService</c> adapter: map the wire request, delegate to the domain, map back.
/// Unary errors are in-band (<c>success=false</c>, <c>error</c>) as the original's clients expect; a stream refuses a
/// bad request with <c>INVALID_ARGUMENT</c> before its first chunk.
/// </summary>
public sealed partial class TestDataGrpcService(
    GenerationRequestValidator validator,
    GenerationService generation,
    ISchemaRegistry schemas,
    SchemaExampleProvider examples,
    DependencyHealthReporter health,
    DataValidationService dataValidation,
    TestDataMetrics metrics,
    ResponseCache responseCache,
    ILogger<TestDataGrpcService> logger,
    PatternLibrary patterns) : TestDataService.TestDataServiceBase
{
    public const string ServiceName = "testdata.v1.TestDataService";

    public override async Task<GenerateResponse> GenerateData(GenerateRequest request, ServerCallContext context)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["request_id"] = request.RequestId });
        using var activity = StartRequestActivity(nameof(GenerateData), request);
        GenerationRequest domainRequest;
        try
        {
            domainRequest = Validate(request, RequestMode.Unary);
        }
        catch (InvalidRequestException ex)
        {
            LogRejected(ex.Field, ex.Message);
            RecordRejected(request);
            return ResponseMapper.ToError(request.RequestId, ex.Message);
        }

        try
        {
            if (!domainRequest.UseCache)
            {
                return ResponseMapper.ToResponse(request.RequestId, await generation.GenerateAsync(domainRequest, context.CancellationToken));
            }

            var (result, cacheWarnings) = await responseCache.GetOrGenerateAsync(
                RequestMapper.ToInput(request), token => generation.GenerateAsync(domainRequest, token), context.CancellationToken);
            var response = ResponseMapper.ToResponse(request.RequestId, result);
            response.Metadata.Warnings.Add(cacheWarnings);
            return response;
        }
        catch (InvalidRequestException ex)
        {
            // Found while generating: constraints that the records cannot meet.
            LogRejected(ex.Field, ex.Message);
            return ResponseMapper.ToError(request.RequestId, ex.Message);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, "The client cancelled the call or its deadline passed."));
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            // In-band, as the original's clients expect; the details stay in the log.
            LogFailed(ex, domainRequest.Entity);
            return ResponseMapper.ToError(request.RequestId, $"Generation failed for entity '{domainRequest.Entity}': {ex.GetType().Name}. See the service log for request_id '{request.RequestId}'.");
        }
    }

    public override async Task GenerateDataStream(GenerateRequest request, IServerStreamWriter<DataChunk> responseStream, ServerCallContext context)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["request_id"] = request.RequestId });
        using var activity = StartRequestActivity(nameof(GenerateDataStream), request);
        GenerationRequest domainRequest;
        try
        {
            domainRequest = Validate(request, RequestMode.Stream);
        }
        catch (InvalidRequestException ex)
        {
            LogRejected(ex.Field, ex.Message);
            RecordRejected(request);
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }

        var index = 0;
        try
        {
            await foreach (var data in generation.StreamAsync(domainRequest, context.CancellationToken))
            {
                await responseStream.WriteAsync(new DataChunk { RequestId = request.RequestId, Data = data, ChunkIndex = index++ }, context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            LogStreamCancelled(index);
            throw new RpcException(new Status(StatusCode.Cancelled, "The client cancelled the stream or its deadline passed."));
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            // The original's clients read a final chunk whose data is {"error": "..."}.
            LogFailed(ex, domainRequest.Entity);
            var message = ex is InvalidRequestException ? ex.Message : $"Generation failed after {index} chunk(s): {ex.GetType().Name}";
            var error = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = message });
            await responseStream.WriteAsync(new DataChunk { RequestId = request.RequestId, Data = error, ChunkIndex = index, IsFinal = true }, context.CancellationToken);
            return;
        }

        await responseStream.WriteAsync(new DataChunk { RequestId = request.RequestId, Data = "", ChunkIndex = index, IsFinal = true }, context.CancellationToken);
    }

    public override Task<GetSchemasResponse> GetSchemas(GetSchemasRequest request, ServerCallContext context)
    {
        var response = new GetSchemasResponse();
        response.Schemas.Add(schemas.List(request.Domain).Select(s => ResponseMapper.ToSchemaInfo(s, examples)));
        return Task.FromResult(response);
    }

    public override async Task<HealthCheckResponse> HealthCheck(HealthCheckRequest request, ServerCallContext context)
    {
        var snapshot = await health.CheckAsync(context.CancellationToken);
        var response = new HealthCheckResponse { Status = snapshot.Serving ? "healthy" : "unhealthy" };
        foreach (var (name, state) in snapshot.Components)
        {
            response.Components[name] = state;
        }

        return response;
    }

    public override Task<ValidateDataResponse> ValidateData(ValidateDataRequest request, ServerCallContext context)
    {
        try
        {
            var schema = validator.ResolveForValidation(request.Entity, request.Domain, request.InlineSchema, request.CustomSchema,
                RequestMapper.ToFieldSpecs(request.Schema?.Fields), request.Schema?.PredefinedSchema ?? "", RequestMapper.ToConstraints(request.Constraints));
            var report = dataValidation.Validate(request.Data, (Generators.Generation.DataFormat)request.Format, schema);
            return Task.FromResult(ResponseMapper.ToValidateResponse(report));
        }
        catch (InvalidRequestException ex)
        {
            LogRejected(ex.Field, ex.Message);
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }
        catch (InvalidDataException ex)
        {
            LogRejected("data", ex.Message);
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }
    }

    public override async Task<RecordPatternsResponse> RecordPatterns(RecordPatternsRequest request, ServerCallContext context)
    {
        try
        {
            return PatternMapper.ToResponse(await patterns.RecordAsync(PatternMapper.ToSubmission(request), context.CancellationToken));
        }
        catch (InvalidRequestException ex)
        {
            LogRejected(ex.Field, ex.Message);
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }
        catch (Microsoft.Extensions.VectorData.VectorStoreException ex)
        {
            // Nothing was acknowledged: the caller may send the same patterns again (recording is idempotent).
            LogFailed(ex, request.Entity);
            throw new RpcException(new Status(StatusCode.Unavailable, $"The {patterns.StoreName} pattern store is unavailable; nothing was stored. Try again."));
        }
    }

    private static Activity? StartRequestActivity(string name, GenerateRequest request)
    {
        var activity = TestDataTracing.Source.StartActivity(name, ActivityKind.Internal);
        activity?.SetTag("request_id", request.RequestId);
        activity?.SetTag("testdata.entity", request.Entity);
        activity?.SetTag("testdata.count", request.Count);
        return activity;
    }

    private GenerationRequest Validate(GenerateRequest request, RequestMode mode)
    {
        using var activity = TestDataTracing.Source.StartActivity("validate");
        try
        {
            return validator.Validate(RequestMapper.ToInput(request), mode);
        }
        catch (InvalidRequestException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Field);
            Activity.Current?.Parent?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    // Refused before routing: counted under "traditional", as the original counted every error.
    private void RecordRejected(GenerateRequest request)
    {
        var (domain, entity) = generation.Labels(request.Domain, request.Entity);
        metrics.RequestCompleted("traditional", domain, entity, success: false, TimeSpan.Zero);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected request: {Field}: {Reason}")]
    private partial void LogRejected(string field, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Generation failed for {Entity}")]
    private partial void LogFailed(Exception exception, string entity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream cancelled by the client after {Chunks} chunk(s)")]
    private partial void LogStreamCancelled(int chunks);
}
