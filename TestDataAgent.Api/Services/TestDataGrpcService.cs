using Grpc.Core;
using TestDataAgent.Api.Health;
using TestDataAgent.Api.Mapping;
using TestDataAgent.Api.Wire;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Api.Services;

/// <summary>
/// The <c>testdata.v1.TestDataService</c> adapter: map the wire request, delegate to the domain, map back. The domain
/// owns validation, caching, metrics and error policy; here an answer becomes a wire message and an exception a status:
/// unary errors stay in-band (<c>success=false</c>, <c>error</c>) as the original's clients expect, a bad stream, data
/// or pattern request is <c>INVALID_ARGUMENT</c>, a pattern store failure <c>UNAVAILABLE</c>, cancellation <c>CANCELLED</c>.
/// </summary>
[BindServiceMethod(typeof(TestDataServiceBinding), nameof(TestDataServiceBinding.BindService))]
public sealed class TestDataGrpcService(
    RequestPipeline pipeline,
    SchemaCatalog schemas,
    PatternLibrary patterns,
    DependencyHealthReporter health,
    Generators.Datasets.DatasetService datasets,
    Generators.Datasets.Checking.DatasetCheckService datasetChecks) : TestDataService.TestDataServiceBase
{
    public const string ServiceName = "testdata.v1.TestDataService";

    public override async Task<GenerateResponse> GenerateData(GenerateRequest request, ServerCallContext context)
    {
        var outcome = await Guard(() => pipeline.GenerateAsync(Input(request, context), context.CancellationToken), context);
        if (outcome.Result is not { } result)
        {
            return ResponseMapper.ToError(request.RequestId, outcome.Error ?? "");
        }

        var binary = IsBinaryGrpc(context);
        var response = ResponseMapper.ToResponse(request.RequestId, result, preEncoded: binary);
        if (result.Buffer is { } buffer)
        {
            // The answer's pooled array goes back once its bytes are in the response: binary gRPC copies them to the wire
            // after this returns (the request's disposables run after the response is written); the text for JSON
            // (and a call made in process) was decoded above.
            if (binary)
            {
                context.GetHttpContext().Response.RegisterForDispose(buffer);
            }
            else
            {
                buffer.Dispose();
            }
        }

        return response;
    }

    public override Task GenerateDataStream(GenerateRequest request, IServerStreamWriter<DataChunk> responseStream, ServerCallContext context) =>
        Guard(() => pipeline.StreamAsync(
            Input(request, context),
            chunk => responseStream.WriteAsync(ResponseMapper.ToChunk(request.RequestId, chunk), context.CancellationToken),
            context.CancellationToken), context);

    public override Task GenerateDataset(GenerateDatasetRequest request, IServerStreamWriter<DatasetChunk> responseStream, ServerCallContext context) =>
        Guard(() => datasets.StreamAsync(
            DatasetMapper.ToInput(request),
            chunk => responseStream.WriteAsync(DatasetMapper.ToChunk(request.RequestId, chunk), context.CancellationToken),
            context.CancellationToken), context);

    public override Task<GetSchemasResponse> GetSchemas(GetSchemasRequest request, ServerCallContext context) =>
        Task.FromResult(ResponseMapper.ToSchemas(schemas.List(request.Domain), schemas.Example));

    public override async Task<HealthCheckResponse> HealthCheck(HealthCheckRequest request, ServerCallContext context) =>
        ResponseMapper.ToHealth(await health.CheckAsync(context.CancellationToken));

    public override Task<ValidateDataResponse> ValidateData(ValidateDataRequest request, ServerCallContext context) =>
        Guard(() => Task.FromResult(ResponseMapper.ToValidateResponse(schemas.Validate(
            request.Data,
            (Generators.Generation.DataFormat)request.Format,
            request.Entity,
            request.Domain,
            request.InlineSchema,
            request.CustomSchema,
            RequestMapper.ToFieldSpecs(request.Schema?.Fields),
            request.Schema?.PredefinedSchema ?? "",
            RequestMapper.ToConstraints(request.Constraints)))), context);

    public override Task<ValidateDatasetResponse> ValidateDataset(ValidateDatasetRequest request, ServerCallContext context) =>
        Guard(() => Task.FromResult(DatasetCheckMapper.ToResponse(datasetChecks.Check(DatasetCheckMapper.ToInput(request)))), context);

    public override Task<RecordPatternsResponse> RecordPatterns(RecordPatternsRequest request, ServerCallContext context) =>
        Guard(async () => PatternMapper.ToResponse(await patterns.RecordAsync(PatternMapper.ToSubmission(request, Owner(context)), context.CancellationToken)), context);

    // The caller's name, as access control found it; a call made in process (no HTTP context) has none.
    private static string Owner(ServerCallContext context) => CallerOf(context)?.Name ?? "";

    // The request as the domain takes it; retrieval kept to the caller's own patterns when its OwnPatternsOnly says so.
    private static GenerationRequestInput Input(GenerateRequest request, ServerCallContext context)
    {
        var input = RequestMapper.ToInput(request);
        return CallerOf(context) is { Limits.OwnPatternsOnly: true } caller ? input with { PatternOwner = caller.Name } : input;
    }

    private static Access.Caller? CallerOf(ServerCallContext context)
    {
        try
        {
            var http = context.GetHttpContext();
            return http.RequestServices.GetService<Access.Callers>()?.Of(http);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    // JSON transcoding calls the same method and writes the response's JSON from Data; binary gRPC (and gRPC-Web) writes it
    // through the pre-encoding marshaller.
    private static bool IsBinaryGrpc(ServerCallContext context)
    {
        try
        {
            return context.GetHttpContext().Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
        }
        catch (InvalidOperationException)
        {
            // Not hosted by ASP.NET Core (a call context made in process): no marshaller of ours, so the text it is.
            return false;
        }
    }

    /// <summary>The one place a domain exception becomes a gRPC status.</summary>
    internal static async Task<T> Guard<T>(Func<Task<T>> call, ServerCallContext context)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ToStatus(ex, context) is { } status)
        {
            throw new RpcException(status);
        }
    }

    private static async Task Guard(Func<Task> call, ServerCallContext context) =>
        await Guard(async () =>
        {
            await call();
            return true;
        }, context);

    internal static Status? ToStatus(Exception exception, ServerCallContext context) => exception switch
    {
        InvalidRequestException invalid => new Status(StatusCode.InvalidArgument, invalid.Message),
        PatternStoreUnavailableException unavailable => new Status(StatusCode.Unavailable, unavailable.Message),
        OperationCanceledException when context.CancellationToken.IsCancellationRequested =>
            new Status(StatusCode.Cancelled, "The client cancelled the call or its deadline passed."),
        _ => null,
    };
}
