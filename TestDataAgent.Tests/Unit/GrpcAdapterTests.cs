extern alias ApiAssembly;
using ApiAssembly::TestDataAgent.Api.Services;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Tests.Infrastructure;
using Wire = ApiAssembly::TestDataAgent.Contracts.V1;

namespace TestDataAgent.Tests.Unit;

/// <summary>
/// The gRPC adapter called directly with a test <see cref="ServerCallContext"/>: how each answer and each failure of the
/// domain becomes a wire message or a status. No sockets; the domain is the real one, without Redis or a pattern store.
/// </summary>
public sealed class GrpcAdapterTests : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly TestDataGrpcService _adapter;

    public GrpcAdapterTests()
    {
        _services = TestRequests.DomainServices();
        // RecordPatterns and HealthCheck are not called here: their mapping is covered by ToStatus and the integration tests.
        _adapter = new TestDataGrpcService(_services.GetRequiredService<RequestPipeline>(), _services.GetRequiredService<SchemaCatalog>(), patterns: null!, health: null!, datasets: _services.GetRequiredService<TestDataAgent.Generators.Datasets.DatasetService>(), datasetChecks: _services.GetRequiredService<TestDataAgent.Generators.Datasets.Checking.DatasetCheckService>());
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task AnInvalidUnaryRequestIsAnsweredInBandNamingTheField()
    {
        var response = await _adapter.GenerateData(new Wire.GenerateRequest { RequestId = "r1", Entity = "no_such_entity", Count = 1 }, new TestServerCallContext());

        Assert.False(response.Success);
        Assert.Equal("r1", response.RequestId);
        Assert.Contains("entity", response.Error, StringComparison.Ordinal);
        Assert.Empty(response.Data);
    }

    [Fact]
    public async Task AValidUnaryRequestCarriesItsRecordsAndMetadata()
    {
        var response = await _adapter.GenerateData(new Wire.GenerateRequest { RequestId = "r2", Entity = "user", Count = 3, Seed = 5 }, new TestServerCallContext());

        Assert.True(response.Success, response.Error);
        Assert.Equal(3, response.RecordCount);
        Assert.Equal(5, response.Metadata.Seed);
        Assert.Equal("traditional", response.Metadata.GenerationPath);
        Assert.StartsWith("[", response.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidStreamRequestIsInvalidArgumentBeforeAnyChunk()
    {
        var chunks = new ChunkRecorder();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _adapter.GenerateDataStream(new Wire.GenerateRequest { Entity = "user", Count = -1 }, chunks, new TestServerCallContext()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("count", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(chunks.Chunks);
    }

    [Fact]
    public async Task AStreamEndsWithOneEmptyFinalChunkAfterNumberedDataChunks()
    {
        var chunks = new ChunkRecorder();

        await _adapter.GenerateDataStream(new Wire.GenerateRequest { RequestId = "s1", Entity = "product", Count = 120, Seed = 1 }, chunks, new TestServerCallContext());

        Assert.True(chunks.Chunks.Count >= 2);
        Assert.Equal(Enumerable.Range(0, chunks.Chunks.Count), chunks.Chunks.Select(c => c.ChunkIndex));
        Assert.All(chunks.Chunks, c => Assert.Equal("s1", c.RequestId));
        Assert.All(chunks.Chunks[..^1], c => Assert.False(c.IsFinal));
        Assert.True(chunks.Chunks[^1].IsFinal);
        Assert.Equal("", chunks.Chunks[^1].Data);
    }

    [Fact]
    public async Task ACancelledStreamEndsWithStatusCancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _adapter.GenerateDataStream(new Wire.GenerateRequest { Entity = "user", Count = 100 }, new ChunkRecorder(), new TestServerCallContext(cancelled.Token)));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task UnreadableDataToValidateIsInvalidArgumentNamingTheData()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _adapter.ValidateData(new Wire.ValidateDataRequest { Entity = "user", Data = "{not json" }, new TestServerCallContext()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task AnUnknownEntityToValidateIsInvalidArgumentNamingTheEntity()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _adapter.ValidateData(new Wire.ValidateDataRequest { Entity = "no_such_entity", Data = "[]" }, new TestServerCallContext()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("no_such_entity", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void APatternStoreFailureIsUnavailableAndOtherFailuresAreLeftToGrpc()
    {
        var context = new TestServerCallContext();

        Assert.Equal(StatusCode.Unavailable, TestDataGrpcService.ToStatus(new PatternStoreUnavailableException("down", new IOException()), context)?.StatusCode);
        Assert.Null(TestDataGrpcService.ToStatus(new InvalidOperationException(), context));
        // Cancelled by something other than the caller: a failure, not the caller's cancellation.
        Assert.Null(TestDataGrpcService.ToStatus(new OperationCanceledException(), context));
    }

    [Fact]
    public async Task GetSchemasListsEveryBuiltInEntityWithAnExampleForEachField()
    {
        var response = await _adapter.GetSchemas(new Wire.GetSchemasRequest(), new TestServerCallContext());

        Assert.Equal(36, response.Schemas.Count);
        Assert.All(response.Schemas.SelectMany(s => s.Fields), f => Assert.False(string.IsNullOrEmpty(f.Example), f.Name));
    }

    private sealed class ChunkRecorder : IServerStreamWriter<Wire.DataChunk>
    {
        public List<Wire.DataChunk> Chunks { get; } = [];

        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(Wire.DataChunk message) => WriteAsync(message, CancellationToken.None);

        // As the real writer: a cancelled call's write throws.
        public Task WriteAsync(Wire.DataChunk message, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Chunks.Add(message);
            return Task.CompletedTask;
        }
    }
}
