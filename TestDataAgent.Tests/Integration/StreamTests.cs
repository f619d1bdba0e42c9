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
        using var call = api.Client.GenerateDataStream(new GenerateRequest { RequestId = "s1", Entity = "payment", Count = 1_234, Seed = 5 }, deadline: Deadlines.Call());

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
        using var call = api.Client.GenerateDataStream(new GenerateRequest { Entity = "order", Count = 2_000 }, deadline: Deadlines.Call());

        var chunks = await ReadAll(call);

        Assert.All(chunks[..^1], c => Assert.InRange(Encoding.UTF8.GetByteCount(c.Data), 1, (64 * 1024) + 4096));
    }

    [Fact]
    public async Task TheStreamMatchesTheUnaryResponseForTheSameSeed()
    {
        var request = new GenerateRequest { Entity = "cart", Count = 700, Seed = 77, ReferenceTime = "2026-02-02T02:02:02Z" };

        var unary = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());
        using var call = api.Client.GenerateDataStream(request, deadline: Deadlines.Call());
        var streamed = (await ReadAll(call)).Where(c => !c.IsFinal)
            .SelectMany(c => JsonDocument.Parse(c.Data).RootElement.EnumerateArray().Select(e => e.GetRawText()));

        Assert.Equal(JsonDocument.Parse(unary.Data).RootElement.EnumerateArray().Select(e => e.GetRawText()), streamed);
    }

    [Fact]
    public async Task AStreamThatFailsPartWayEndsWithAnErrorChunkAfterItsData()
    {
        var request = new GenerateRequest { RequestId = "late-failure", Entity = "cart", Count = 700, Seed = 3, Constraints = new Constraints() };
        request.Constraints.FieldConstraints["total"] = new FieldConstraint { Max = 1_000_000 };
        request.Scenarios.Add(new Scenario { Name = "regular", Count = 600 });
        // No cart of this scenario can keep its total under the bound: found only when its first record is made.
        request.Scenarios.Add(new Scenario { Name = "taxed_past_the_bound", Count = 100, Overrides = { ["tax"] = "2000000" } });
        using var call = api.Client.GenerateDataStream(request, deadline: Deadlines.Call());

        var chunks = await ReadAll(call);

        var final = chunks[^1];
        Assert.True(final.IsFinal);
        Assert.Equal(chunks.Count - 1, final.ChunkIndex);
        Assert.Equal("late-failure", final.RequestId);
        var data = chunks[..^1];
        Assert.True(data.Count >= 2, $"the failure came before any data was sent ({data.Count} data chunks)");
        Assert.All(data, c => Assert.False(c.IsFinal));
        var scenarios = data.SelectMany(c => JsonDocument.Parse(c.Data).RootElement.EnumerateArray().Select(r => r.GetProperty("_scenario").GetString())).ToList();
        Assert.InRange(scenarios.Count, 1, 600);
        Assert.All(scenarios, s => Assert.Equal("regular", s));
        using var error = JsonDocument.Parse(final.Data);
        var message = error.RootElement.GetProperty("error").GetString();
        Assert.Contains("cannot be met", message, StringComparison.Ordinal);
        Assert.Contains("total", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingTheStreamStopsTheWorkOnTheServer()
    {
        // A host of its own, so its log holds this call only, and no deadline: only the client's cancel can stop it.
        await using var host = ApiHost.Start(new Dictionary<string, string> { ["ConnectionStrings:redis"] = "", ["Rag:SeedOnStartup"] = "false" });
        using var cancel = new CancellationTokenSource();
        using var call = host.Client.GenerateDataStream(new GenerateRequest { RequestId = "cancel-me", Entity = "user", Count = 10_000_000 }, cancellationToken: cancel.Token);

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        cancel.Cancel();

        Assert.True(await host.Logs.WaitForAsync(m => m.StartsWith("Stream cancelled by the client", StringComparison.Ordinal), Deadlines.Hang),
            "the server did not stop generating after the client cancelled");
    }

    [Fact]
    public async Task TheServerEndsAStreamAtItsDeadlineAndStopsTheWork()
    {
        // The deadline travels as grpc-timeout on a plain HTTP/2 call that keeps no timer and never cancels, so the
        // end of the call and of the work can only come from the server.
        await using var host = ApiHost.Start(new Dictionary<string, string> { ["ConnectionStrings:redis"] = "", ["Rag:SeedOnStartup"] = "false" });

        var outcome = await RawGrpc.ServerStreamAsync(host.GrpcAddress, "/testdata.v1.TestDataService/GenerateDataStream",
            new GenerateRequest { Entity = "order", Count = 10_000_000 }, grpcTimeout: "500m");

        // grpc-dotnet ends the response at the deadline: DEADLINE_EXCEEDED in the trailers, or a reset that cuts the
        // body short when a chunk was being written at that moment. Never a completed stream.
        Assert.True(outcome.Status == ((int)StatusCode.DeadlineExceeded).ToString(System.Globalization.CultureInfo.InvariantCulture) || (outcome.Cut && outcome.Status is null), $"the call ended with {outcome}");
        Assert.True(await host.Logs.WaitForAsync(m => m.StartsWith("Stream cancelled by the client", StringComparison.Ordinal), Deadlines.Hang),
            "the server did not stop generating at the deadline");
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
}
