using System.Text;
using System.Text.Json;
using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

[Collection(ApiGroup.Name)]
public sealed class StreamTests(ApiFixture api)
{
    [Fact]
    public async Task ChunksHoldAtMost500RecordsThenAFinalEmptyChunk()
    {
        using var call = api.Client.GenerateDataStream(new GenerateRequest { RequestId = "s1", Entity = "payment", Count = 1_234, Seed = 5 }, deadline: Deadline());

        var chunks = await ReadAll(call);

        var final = chunks[^1];
        Assert.True(final.IsFinal);
        Assert.Equal("", final.Data);
        Assert.Equal(chunks.Count - 1, final.ChunkIndex);
        var indexes = new List<int>();
        for (var i = 0; i < chunks.Count - 1; i++)
        {
            Assert.Equal(i, chunks[i].ChunkIndex);
            Assert.False(chunks[i].IsFinal);
            Assert.Equal("s1", chunks[i].RequestId);
            using var data = JsonDocument.Parse(chunks[i].Data);
            Assert.InRange(data.RootElement.GetArrayLength(), 1, 500);
            indexes.AddRange(data.RootElement.EnumerateArray().Select(r => r.GetProperty("_index").GetInt32()));
        }

        Assert.Equal(Enumerable.Range(0, 1_234), indexes);
    }

    [Fact]
    public async Task ChunksStayNearTheByteLimit()
    {
        using var call = api.Client.GenerateDataStream(new GenerateRequest { Entity = "order", Count = 2_000 }, deadline: Deadline());

        var chunks = await ReadAll(call);

        Assert.All(chunks[..^1], c => Assert.InRange(Encoding.UTF8.GetByteCount(c.Data), 1, (64 * 1024) + 4096));
    }

    [Fact]
    public async Task TheStreamMatchesTheUnaryResponseForTheSameSeed()
    {
        var request = new GenerateRequest { Entity = "cart", Count = 700, Seed = 77, ReferenceTime = "2026-02-02T02:02:02Z" };

        var unary = await api.Client.GenerateDataAsync(request, deadline: Deadline());
        using var call = api.Client.GenerateDataStream(request, deadline: Deadline());
        var streamed = (await ReadAll(call)).Where(c => !c.IsFinal)
            .SelectMany(c => JsonDocument.Parse(c.Data).RootElement.EnumerateArray().Select(e => e.GetRawText()));

        Assert.Equal(JsonDocument.Parse(unary.Data).RootElement.EnumerateArray().Select(e => e.GetRawText()), streamed);
    }

    [Fact]
    public async Task CancellingTheStreamStopsTheWork()
    {
        using var cancel = new CancellationTokenSource();
        using var call = api.Client.GenerateDataStream(new GenerateRequest { RequestId = "cancel-me", Entity = "user", Count = 10_000_000 }, cancellationToken: cancel.Token);

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        cancel.Cancel();

        Assert.True(await api.Logs.WaitForAsync(m => m.StartsWith("Stream cancelled by the client", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task ADeadlineEndsTheStream()
    {
        using var call = api.Client.GenerateDataStream(new GenerateRequest { Entity = "order", Count = 10_000_000 }, deadline: DateTime.UtcNow.AddMilliseconds(500));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    private static async Task<List<DataChunk>> ReadAll(AsyncServerStreamingCall<DataChunk> call)
    {
        var chunks = new List<DataChunk>();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(60);
}
